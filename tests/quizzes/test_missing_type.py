"""A stored question whose type is no longer registered (renamed or removed in code): every page
that shows it shows a notice instead of failing, it is never graded, the attempt can still be
submitted, and `manage.py check --database default` lists it (quizzes.W001)."""

from decimal import Decimal
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from quizzes import services
from quizzes.checks import missing_question_types
from quizzes.models import Attempt, Question, Score
from quizzes.types import GradeState
from tests.classroom.conftest import quiz_questions

pytestmark = pytest.mark.django_db

RETIRED = "retired_type"
NOTICE = f"This question's type '{RETIRED}' is no longer available; it is not graded."


def retire(question: Question) -> Question:
    """What a deployment that drops a type leaves in the database."""
    Question.objects.filter(pk=question.pk).update(type=RETIRED)
    question.refresh_from_db()
    return question


@pytest.fixture
def retired(assignment) -> Question:
    return retire(quiz_questions(assignment)["q-purpose"])


def start(client, student, assignment) -> Attempt:
    client.force_login(student)
    client.post(reverse("learning:attempt_start", args=[assignment.pk]))
    return Attempt.objects.get(student=student, assignment=assignment, kind=Attempt.Kind.QUIZ)


def shows_notice(html: str) -> bool:
    return f'data-missing-type="{RETIRED}"' in html and NOTICE in html


def test_the_student_sees_a_notice_and_can_submit_the_attempt(client, student, assignment, retired):
    attempt = start(client, student, assignment)
    take = reverse("learning:attempt_take", args=[attempt.pk])
    page = client.get(take)
    assert page.status_code == 200
    assert shows_notice(page.content.decode())

    response = client.post(take, {"items": attempt.item_order, "action": "submit"})
    assert response.status_code == 302
    assert response.url == reverse("learning:attempt_result", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED
    score = Score.objects.get(attempt=attempt, question=retired)
    assert (score.state, score.points_earned) == (GradeState.UNGRADED, Decimal(0))
    assert attempt.needs_scoring  # ungraded: the teacher may score it by hand

    result = client.get(response.url)
    assert result.status_code == 200
    assert shows_notice(result.content.decode())


def test_an_answer_saved_before_the_type_went_missing_does_not_stop_the_submit(
    client, student, assignment
):
    attempt = start(client, student, assignment)
    question = quiz_questions(assignment)["q-purpose"]
    services.response_save(attempt=attempt, question_id=question.pk, data={"choice": "celebrate"})
    retire(question)

    take = reverse("learning:attempt_take", args=[attempt.pk])
    assert shows_notice(client.get(take).content.decode())
    response = client.post(take, {"items": attempt.item_order, "action": "submit"})
    assert response.status_code == 302
    score = Score.objects.get(attempt=attempt, question=question)
    assert (score.state, score.points_earned) == (GradeState.UNGRADED, Decimal(0))


def test_the_placeholder_takes_no_answer(client, student, assignment, retired):
    attempt = start(client, student, assignment)
    response = client.post(
        reverse("learning:response_save", args=[attempt.pk, retired.pk]),
        {f"{retired.uid}-choice": "celebrate"},
    )
    assert response.status_code == 200  # its form has no field: nothing was sent
    refused = services.responses_save(attempt=attempt, answers={retired.pk: {"choice": "x"}})
    assert "no longer available" in refused.errors[retired.pk].message


def test_the_teacher_pages_show_the_notice(client, teacher, student, assignment, retired):
    attempt = start(client, student, assignment)
    client.post(
        reverse("learning:attempt_take", args=[attempt.pk]),
        {"items": attempt.item_order, "action": "submit"},
    )
    client.force_login(teacher)
    classroom = assignment.classroom

    work = client.get(
        reverse("classroom:student_work", args=[classroom.pk, assignment.pk, student.pk])
    )
    assert work.status_code == 200
    assert shows_notice(work.content.decode())

    analysis = client.get(
        reverse("classroom:assignment_analysis", args=[classroom.pk, assignment.pk])
    )
    assert analysis.status_code == 200
    assert "Unavailable question type" in analysis.content.decode()

    guide = client.get(
        reverse("classroom:lesson_guide", args=[assignment.lesson.slug]) + "?step=all"
    )
    assert guide.status_code == 200
    assert shows_notice(guide.content.decode())

    scored = client.post(
        reverse("classroom:item_score", args=[classroom.pk, attempt.pk]),
        {"question": retired.pk, "points": "1", "reason": ""},
    )
    assert scored.status_code == 302
    latest = Score.objects.filter(attempt=attempt, question=retired).first()
    assert (latest.origin, latest.state) == (Score.Origin.TEACHER, GradeState.CORRECT)


def test_a_lesson_activity_of_a_missing_type_shows_the_notice(client, student, assignment):
    retire(Question.objects.get(lesson=assignment.lesson, key="src-author", is_current=True))
    client.force_login(student)
    page = client.get(reverse("learning:step", args=[assignment.pk, "sourcing"]))
    assert page.status_code == 200
    assert shows_notice(page.content.decode())


def test_the_system_check_lists_questions_of_unregistered_types(assignment, retired):
    (warning,) = missing_question_types(databases=["default"])
    assert warning.id == "quizzes.W001"
    assert f"type '{RETIRED}'" in warning.msg
    assert "millbrook-bridge-1911/q-purpose v1" in warning.hint

    out = StringIO()
    call_command("check", databases=["default"], stdout=out, stderr=out)
    assert "quizzes.W001" in out.getvalue()


def test_the_check_reads_the_database_only_when_asked_and_once_it_is_migrated(retired):
    assert missing_question_types() == []
    assert missing_question_types(databases=None) == []
    with mock.patch.object(connection.introspection, "table_names", return_value=[]):
        assert missing_question_types(databases=["default"]) == []


def test_the_check_is_silent_when_every_type_is_registered(assignment):
    assert missing_question_types(databases=["default"]) == []
