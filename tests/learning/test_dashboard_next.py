"""The dashboard at a glance (issue 19, point 3): due dates in words, and what to do next as one
obvious button, for the open lesson due first."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from classroom.services import assignment_create
from core.dates import when_in_words
from learning.selectors.dashboard import assignments_for_dashboard, dashboard_next
from quizzes import services

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("learning:dashboard")


def assign(classroom, lesson, *, due_in_days: float):
    now = timezone.now()
    return assignment_create(
        classroom=classroom,
        lesson=lesson,
        opens_at=now - timedelta(days=1),
        due_at=now + timedelta(days=due_in_days),
    )


def test_the_next_thing_to_do_is_the_open_lesson_due_first(student, classroom, example_lesson):
    later = assign(classroom, example_lesson, due_in_days=5)
    sooner = assign(classroom, example_lesson, due_in_days=2)
    rows = assignments_for_dashboard(student=student)
    assert dashboard_next(rows).assignment == sooner

    # Once its quiz is submitted, the other one is next; with both done, nothing is.
    for assignment in (sooner, later):
        attempt = services.attempt_start(
            student=student, lesson=example_lesson, assignment=assignment
        )
        services.attempt_submit(attempt=attempt)
        rows = assignments_for_dashboard(student=student)
        assert dashboard_next(rows) == (
            next(r for r in rows if r.assignment == later) if assignment == sooner else None
        )


def test_the_dashboard_says_the_due_date_in_words_with_one_primary_button(
    client, student, classroom, example_lesson
):
    assignment = assign(classroom, example_lesson, due_in_days=3)
    client.force_login(student)
    html = client.get(DASHBOARD).content.decode()
    assert f"due {when_in_words(assignment.due_at)}" in html
    assert re.search(r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \d\d:\d\d", html)
    assert html.count("btn-primary") == 1
    assert "What to do next" in html
