"""The database's idea of a student's due date is the policy's, row by row."""

from datetime import timedelta

import pytest
from django.utils import timezone

from classroom.deadlines import student_due_at
from classroom.models import Extension
from quizzes import policy
from quizzes.models import Attempt
from quizzes.services import attempt_start

DAY = timedelta(days=1)


@pytest.mark.parametrize(
    ("extension_due", "extra"),
    [(None, None), (+1, 0), (-1, 0), (None, 15), (+3, 10)],
    ids=["none", "later", "earlier", "minutes only", "later with minutes"],
)
def test_the_due_date_expression_agrees_with_the_policy(student, assignment, extension_due, extra):
    extension = None
    if extra is not None:
        extension = Extension.objects.create(
            assignment=assignment,
            student=student,
            due_at=None if extension_due is None else assignment.due_at + extension_due * DAY,
            extra_minutes=extra,
        )
    attempt_start(student=student, lesson=assignment.lesson, assignment=assignment)
    in_database = Attempt.objects.annotate(due=student_due_at()).values_list("due", flat=True).get()
    expected = policy.student_window(assignment=assignment, extension=extension).due_at
    assert in_database == expected
    assert expected >= assignment.due_at > timezone.now()
