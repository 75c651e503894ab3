"""The CSV exports say what the database says, and cannot run formulas in a spreadsheet."""

import csv
import io
import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from classroom.exports import csv_safe
from classroom.services import assignment_create, item_score, rubric_score
from quizzes.models import Attempt, Response, Score
from tests.classroom.conftest import (
    answer_quiz,
    quiz_questions,
    reflection_question,
    write_reflection,
)

pytestmark = pytest.mark.django_db


def download(client, url) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="history-9a-')
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def work(client, classroom, assignment, teacher, student, make_student):
    """Two assignments; Ada did the first (one override, reflection scored), Ben started it."""
    ada = make_student("ada", '=HYPERLINK("http://evil")')
    ben = make_student("ben", "Ben")
    now = timezone.now()
    second = assignment_create(
        classroom=classroom,
        lesson=assignment.lesson,
        opens_at=now - timedelta(days=1),
        due_at=now + timedelta(days=14),
    )
    attempt = answer_quiz(student=ada, assignment=assignment, right={"q-purpose", "q-toll"})
    item_score(
        attempt=attempt,
        question=quiz_questions(assignment)["q-toll"],
        points=Decimal(0),
        by=teacher,
        reason="-1 for spelling",
    )
    lesson_attempt = write_reflection(student=ada, assignment=assignment, text="@SUM(A1) because")
    rubric_score(
        attempt=lesson_attempt, question=reflection_question(assignment.lesson), level=2, by=teacher
    )
    answer_quiz(student=ben, assignment=assignment, submit=False)
    client.force_login(teacher)
    return {"ada": ada, "ben": ben, "second": second, "attempt": attempt}


def test_the_gradebook_has_a_row_per_student_and_the_grades_of_the_database(
    client, classroom, assignment, work, student
):
    rows = download(client, reverse("classroom:export_gradebook", args=[classroom.pk]))

    # By display name: "=HYPERLINK…" sorts first.
    assert [r["username"] for r in rows] == ["ada", "ben", student.username]
    first = next(k for k in rows[0] if k.endswith(": points"))
    assert first.startswith(assignment.lesson.title)
    by_user = {r["username"]: r for r in rows}
    attempt = Attempt.objects.get(pk=work["attempt"].pk)
    reflection = Score.objects.filter(attempt__student=work["ada"], attempt__kind="lesson").get()
    # Quiz 1 of 12 after the override, plus the reflection scored 2 of 4.
    assert attempt.points_earned == Decimal(1)
    assert Decimal(by_user["ada"][first]) == attempt.points_earned + reflection.points_earned
    assert by_user["ada"][first.replace(": points", ": out of")] == "16"
    assert by_user["ada"][first.replace(": points", ": status")] == "submitted"
    assert by_user["ben"][first] == ""
    assert by_user["ben"][first.replace(": points", ": status")] == "in_progress"
    # username, name, three columns per assignment, then the zone the due dates are in.
    assert len(rows[0]) == 2 + 3 * 2 + 1
    assert {r["time_zone"] for r in rows} == {classroom.zone.key}


def test_every_saved_answer_is_a_row_with_the_score_that_counts(client, classroom, work):
    rows = download(client, reverse("classroom:export_responses", args=[classroom.pk]))

    responses = Response.objects.filter(attempt__assignment__classroom=classroom)
    assert len(rows) == responses.count()
    for row in rows:
        response = responses.get(
            attempt__student__username=row["username"],
            attempt__kind=row["attempt_kind"],
            attempt__number=int(row["attempt_number"]),
            question__key=row["question"],
        )
        raw = row["response"].removeprefix("'")
        assert json.loads(raw) == response.data
        newest = (
            Score.objects.filter(attempt=response.attempt, question=response.question)
            .exclude(origin="check")
            .order_by("-id")
            .first()
        )
        if newest is None:
            assert row["points_earned"] == row["score_origin"] == ""
        else:
            assert Decimal(row["points_earned"]) == newest.points_earned
            assert row["score_origin"] == newest.origin
            assert row["score_reason"].removeprefix("'") == newest.reason

    toll = next(r for r in rows if r["username"] == "ada" and r["question"] == "q-toll")
    assert (toll["points_earned"], toll["score_origin"], toll["scored_by"]) == (
        "0",
        "override",
        "t.hopper",
    )
    assert toll["score_reason"] == "'-1 for spelling"


def test_cells_a_spreadsheet_would_run_as_formulas_are_defused(client, classroom, work):
    grades = download(client, reverse("classroom:export_gradebook", args=[classroom.pk]))
    ada = next(r for r in grades if r["username"] == "ada")
    assert ada["display_name"] == '\'=HYPERLINK("http://evil")'

    rows = download(client, reverse("classroom:export_responses", args=[classroom.pk]))
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Ada", "Ada"),
        (Decimal("2.5"), "2.5"),
        (None, ""),
    ],
)
def test_csv_safe(value, safe):
    assert csv_safe(value) == safe


def test_a_student_removed_from_the_class_is_left_out(client, classroom, work):
    from classroom.services import membership_remove

    membership_remove(classroom=classroom, student=work["ada"])
    rows = download(client, reverse("classroom:export_responses", args=[classroom.pk]))
    assert "ada" not in {r["username"] for r in rows}
    assert User.objects.filter(username="ada").exists()
