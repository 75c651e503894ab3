"""The data migrations that add the feedback level: settings that released the key before the
feedback (the rules released it with the feedback anyway) are saved as they worked, so the
teacher's form, which refuses them now, opens such an assignment without an error."""

import importlib

import pytest
from django.apps import apps

from classroom.models import Assignment
from quizzes.models import FeedbackLevel, FeedbackTiming, Quiz

pytestmark = pytest.mark.django_db

T = FeedbackTiming
quizzes_migration = importlib.import_module("quizzes.migrations.0007_quiz_feedback_level")
classroom_migration = importlib.import_module("classroom.migrations.0007_assignment_feedback_level")


@pytest.mark.parametrize(
    ("show_feedback", "show_key", "key_after"),
    [
        (T.AFTER_SUBMIT, T.AFTER_DUE, T.AFTER_DUE),  # already fine: kept
        (T.AFTER_DUE, T.IMMEDIATELY, T.AFTER_DUE),
        (T.NEVER, T.AFTER_SUBMIT, T.NEVER),
        (T.IMMEDIATELY, T.NEVER, T.NEVER),
    ],
)
def test_a_key_released_before_the_feedback_is_saved_as_it_worked(
    assignment, show_feedback, show_key, key_after
):
    Assignment.objects.filter(pk=assignment.pk).update(
        show_feedback=show_feedback, show_key=show_key
    )
    Quiz.objects.update(show_feedback=show_feedback, show_key=show_key)

    classroom_migration.key_no_earlier_than_feedback(apps, None)
    quizzes_migration.key_no_earlier_than_feedback(apps, None)

    assignment.refresh_from_db()
    assert (assignment.show_feedback, assignment.show_key) == (show_feedback, key_after)
    assert set(Quiz.objects.values_list("show_key", flat=True)) == {key_after}
    assert assignment.feedback_level == FeedbackLevel.FULL  # what it showed, minus the key
