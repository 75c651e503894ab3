"""Whoever opens an abandoned attempt's class first closes it, as of its deadline: the teacher's
grid, progress page, analysis, a student's work, both CSV exports, and the student's own pages.
Time passes by moving the attempt's and the assignment's times back in the database."""

import csv
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.services import user_create
from classroom.services import assignment_create, classroom_create, membership_add
from quizzes.models import Attempt, Response
from tests.classroom.conftest import answer_quiz, quiz_questions

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_soon(classroom, example_lesson):
    """Due in an hour, a ten-minute limit, no late work."""
    now = timezone.now()
    return assignment_create(
        classroom=classroom,
        lesson=example_lesson,
        opens_at=now - timedelta(days=1),
        due_at=now + timedelta(hours=1),
        time_limit_minutes=10,
    )


def rewind(attempt: Attempt, by: timedelta) -> Attempt:
    """Let `by` pass: the attempt, its answers and its assignment's dates move back by `by`."""
    attempt.refresh_from_db()
    Attempt.objects.filter(pk=attempt.pk).update(
        started_at=attempt.started_at - by, deadline=attempt.deadline - by
    )
    for response in Response.objects.filter(attempt=attempt):
        Response.objects.filter(pk=response.pk).update(updated_at=response.updated_at - by)
    assignment = attempt.assignment
    assignment.opens_at -= by
    assignment.due_at -= by
    assignment.save(update_fields=["opens_at", "due_at"])
    attempt.refresh_from_db()
    return attempt


@pytest.fixture
def abandoned(student, due_soon) -> Attempt:
    """Half the quiz answered right and saved, then the student left; two hours have passed
    (well past the ten-minute limit, and past the due date)."""
    keys = list(quiz_questions(due_soon))
    attempt = answer_quiz(
        student=student, assignment=due_soon, right=set(keys[: len(keys) // 2]), submit=False
    )
    return rewind(attempt, timedelta(hours=2))


def teacher_urls(classroom, assignment, student) -> dict[str, str]:
    pk, apk = classroom.pk, assignment.pk
    return {
        "progress": reverse("classroom:classroom_progress", args=[pk]),
        "grid": reverse("classroom:progress_grid", args=[pk]),
        "analysis": reverse("classroom:assignment_analysis", args=[pk, apk]),
        "student_work": reverse("classroom:student_work", args=[pk, apk, student.pk]),
        "gradebook": reverse("classroom:export_gradebook", args=[pk]),
        "responses": reverse("classroom:export_responses", args=[pk]),
    }


def get(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.mark.parametrize(
    "page", ["progress", "grid", "analysis", "student_work", "gradebook", "responses"]
)
def test_a_teachers_page_closes_an_abandoned_attempt_at_its_deadline(
    client, teacher, classroom, student, due_soon, abandoned, page
):
    client.force_login(teacher)

    get(client, teacher_urls(classroom, due_soon, student)[page])

    abandoned.refresh_from_db()
    assert abandoned.status == Attempt.Status.SUBMITTED
    assert abandoned.auto_submitted
    assert abandoned.submitted_at == abandoned.started_at + timedelta(minutes=10)
    assert Decimal(0) < abandoned.points_earned < abandoned.points_possible


def test_the_gradebook_shows_the_saved_points_submitted_on_time(
    client, teacher, classroom, student, abandoned
):
    client.force_login(teacher)

    rows = list(
        csv.reader(
            get(
                client, teacher_urls(classroom, abandoned.assignment, student)["gradebook"]
            ).splitlines()
        )
    )

    header, row = rows[0], next(r for r in rows[1:] if r[0] == student.username)
    cell = dict(zip(header, row, strict=True))
    status = next(v for k, v in cell.items() if k.endswith(": status"))
    points = next(v for k, v in cell.items() if k.endswith(": points"))
    assert status == "submitted"  # not "late", not "overdue"
    abandoned.refresh_from_db()
    assert Decimal(points) == abandoned.points_earned > 0


def test_the_responses_export_says_submitted_at_the_deadline_and_not_late(
    client, teacher, classroom, student, abandoned
):
    client.force_login(teacher)

    text = get(client, teacher_urls(classroom, abandoned.assignment, student)["responses"])

    rows = list(csv.DictReader(text.splitlines()))
    quiz_rows = [r for r in rows if r["attempt_kind"] == "quiz"]
    assert quiz_rows
    assert {r["attempt_status"] for r in quiz_rows} == {"submitted"}
    assert {r["late"] for r in quiz_rows} == {"no"}
    abandoned.refresh_from_db()
    deadline = abandoned.submitted_at.replace(microsecond=0).isoformat()
    assert {r["submitted_at"] for r in quiz_rows} == {deadline}


def test_another_teachers_class_page_leaves_this_class_alone(client, abandoned, example_lesson):
    other_teacher = user_create(
        username="t.other", password="x-long-password", role=User.Role.TEACHER
    )
    other_class = classroom_create(teacher=other_teacher, name="Other class")
    client.force_login(other_teacher)

    get(client, reverse("classroom:classroom_progress", args=[other_class.pk]))

    abandoned.refresh_from_db()
    assert abandoned.is_open


def test_the_students_dashboard_closes_it(client, student, abandoned):
    client.force_login(student)

    get(client, reverse("learning:dashboard"))

    abandoned.refresh_from_db()
    assert abandoned.submitted_at == abandoned.started_at + timedelta(minutes=10)


def test_coming_back_to_the_quiz_shows_the_result_submitted_at_the_deadline(
    client, student, abandoned
):
    client.force_login(student)

    response = client.get(reverse("learning:attempt_take", args=[abandoned.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("learning:attempt_result", args=[abandoned.pk])
    abandoned.refresh_from_db()
    assert abandoned.submitted_at == abandoned.started_at + timedelta(minutes=10)


def test_a_student_of_the_class_is_not_closed_by_another_students_pages(
    client, classroom, student, abandoned
):
    other = user_create(username="s.other", password="x-long-password", role=User.Role.STUDENT)
    membership_add(classroom=classroom, student=other)
    client.force_login(other)

    get(client, reverse("learning:dashboard"))

    abandoned.refresh_from_db()
    assert abandoned.is_open
