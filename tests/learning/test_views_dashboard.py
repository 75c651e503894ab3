"""The student's dashboard: every assigned lesson with its due date, status, estimated time and
the quiz score once the teacher's settings release it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from classroom.models import Assignment, Extension
from learning.selectors.dashboard import Status, assignments_for_dashboard
from quizzes import services
from quizzes.models import Attempt, FeedbackTiming

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("learning:dashboard")


def status(student) -> str:
    (row,) = assignments_for_dashboard(student=student)
    return row.status


def move(assignment, **days):
    now = timezone.now()
    Assignment.objects.filter(pk=assignment.pk).update(
        **{name: now + timedelta(days=value) for name, value in days.items()}
    )
    assignment.refresh_from_db()


def test_home_sends_students_to_their_dashboard(client, student):
    client.force_login(student)
    assert client.get(reverse("home")).url == DASHBOARD


def test_the_dashboard_lists_the_lesson_with_due_date_time_and_status(client, student, assignment):
    client.force_login(student)
    html = client.get(DASHBOARD).content.decode()
    assert assignment.lesson.title in html
    assert "History 9A" in html
    assert f'datetime="{assignment.due_at.isoformat()}"' in html
    # The minutes the loader estimated for the core path of every step, at the standard level.
    core = sum(s.minutes["standard"]["core"] for s in assignment.lesson.steps.all())
    assert core > 0
    assert f"about {core} minutes" in html
    assert "in 2 class periods" in html
    assert 'data-status="not_started">Not started' in html
    assert reverse("learning:assignment", args=[assignment.pk]) in html


def test_opening_the_lesson_makes_it_in_progress_with_the_step_reached(client, student, assignment):
    client.force_login(student)
    client.get(reverse("learning:step", args=[assignment.pk, "perspective"]))
    assert status(student) == Status.IN_PROGRESS
    assert "Step 4 of 8: Perspective" in client.get(DASHBOARD).content.decode()


def test_a_submitted_quiz_shows_its_score_when_feedback_is_released(client, student, assignment):
    attempt = services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment
    )
    services.attempt_submit(attempt=attempt)
    client.force_login(student)
    html = client.get(DASHBOARD).content.decode()
    assert status(student) == Status.SUBMITTED
    assert "data-score" in html and "0 of 12 points" in html


def test_a_score_the_teacher_has_not_released_is_not_shown(client, student, assignment):
    Assignment.objects.filter(pk=assignment.pk).update(show_feedback=FeedbackTiming.NEVER)
    attempt = services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment
    )
    services.attempt_submit(attempt=attempt)
    client.force_login(student)
    html = client.get(DASHBOARD).content.decode()
    assert "Not released yet" in html
    assert "of 12 points" not in html


def test_the_grade_follows_the_grading_method_over_attempts(student, assignment):
    Attempt.objects.all().delete()
    first = services.attempt_start(student=student, lesson=assignment.lesson, assignment=assignment)
    services.attempt_submit(attempt=first)
    Attempt.objects.filter(pk=first.pk).update(points_earned=5)
    second = services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment
    )
    services.attempt_submit(attempt=second)
    Attempt.objects.filter(pk=second.pk).update(points_earned=3)
    (row,) = assignments_for_dashboard(student=student)
    assert row.score_earned == 5  # highest, the default


def test_past_the_due_date_unsubmitted_work_is_late_while_late_work_is_accepted(
    student, assignment
):
    move(assignment, opens_at=-5, due_at=-1, late_until=2)
    (row,) = assignments_for_dashboard(student=student)
    assert row.status == Status.LATE and row.can_work


def test_past_the_last_date_it_is_closed(student, assignment):
    move(assignment, opens_at=-5, due_at=-1)
    (row,) = assignments_for_dashboard(student=student)
    assert row.status == Status.CLOSED and not row.can_work


def test_an_extension_moves_the_students_due_date(student, assignment):
    move(assignment, opens_at=-5, due_at=-1)
    extended = timezone.now() + timedelta(days=3)
    Extension.objects.create(assignment=assignment, student=student, due_at=extended)
    (row,) = assignments_for_dashboard(student=student)
    assert row.status == Status.NOT_STARTED
    assert row.due_at == extended


def test_a_lesson_not_open_yet_shows_when_it_opens_and_no_link(client, student, assignment):
    move(assignment, opens_at=2, due_at=9)
    client.force_login(student)
    html = client.get(DASHBOARD).content.decode()
    assert "Not open yet" in html and "Opens" in html
    assert reverse("learning:assignment", args=[assignment.pk]) not in html


def test_a_student_sees_only_their_own_classes_lessons(client, outsider, assignment):
    client.force_login(outsider)
    html = client.get(DASHBOARD).content.decode()
    assert assignment.lesson.title not in html
    assert "No lesson is assigned to you yet" in html


def test_the_dashboard_offers_to_join_another_class(client, student):
    client.force_login(student)
    html = client.get(DASHBOARD).content.decode()
    assert f'action="{reverse("learning:join")}"' in html
