"""Fixtures of the result page's tests."""

import pytest

from classroom.models import Assignment
from quizzes.models import FeedbackTiming


@pytest.fixture
def released(assignment):
    """Score, feedback and key shown as soon as the quiz is submitted."""
    Assignment.objects.filter(pk=assignment.pk).update(
        show_feedback=FeedbackTiming.IMMEDIATELY, show_key=FeedbackTiming.IMMEDIATELY
    )
    assignment.refresh_from_db()
    return assignment
