"""A student's data can be exported and deleted by their teacher or by staff; overrides and
deletions are audited; logs carry no personal data or answers."""

import json
import logging
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import User
from accounts.services import user_create
from audit.models import AuditEntry
from quizzes import services
from quizzes.models import Attempt, Question, Response, Score
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def worked(student, assignment):
    """The student has answered a short-text item and submitted."""
    attempt = services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment
    )
    short = Question.objects.filter(pk__in=attempt.item_order, type="short_text").first()
    services.response_save(attempt=attempt, question_id=short.pk, data={"text": "my secret answer"})
    return services.attempt_submit(attempt=attempt)


@pytest.fixture
def other_teacher(db):
    return user_create(username="t.other", password=PASSWORD, role=User.Role.TEACHER)


def test_the_teacher_exports_a_students_data_as_json(client, teacher, student, worked):
    client.force_login(teacher)
    response = client.get(reverse("privacy:student_export", args=[student.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["username"] == student.username
    assert data["classes"] == [
        {"class": "History 9A", "joined_at": data["classes"][0]["joined_at"]}
    ]
    assert {"my secret answer"} == {
        a["answer"].get("text") for a in data["answers"] if a["answer"].get("text")
    }
    assert len(data["scores"]) == len(worked.item_order)
    assert AuditEntry.objects.get().action == AuditEntry.Action.STUDENT_EXPORTED


@pytest.mark.parametrize("who", ["other_teacher", "student"])
def test_nobody_else_can_export_or_delete_a_student(client, request, student, worked, who):
    client.force_login(request.getfixturevalue(who) if who != "student" else student)
    assert client.get(reverse("privacy:student_export", args=[student.pk])).status_code == 404
    response = client.post(
        reverse("privacy:student_delete", args=[student.pk]),
        {"reason": "x", "confirm_username": student.username},
    )
    assert response.status_code == 404
    assert User.objects.filter(pk=student.pk).exists()


def test_a_content_author_cannot_export_a_student_but_the_school_administrator_can(
    client, author, school_admin, student, worked
):
    url = reverse("privacy:student_export", args=[student.pk])
    client.force_login(author)
    assert client.get(url).status_code == 404
    client.force_login(school_admin)
    assert client.get(url).status_code == 200


def test_deleting_removes_the_student_and_their_work_and_audits_without_the_name(
    client, teacher, student, worked
):
    client.force_login(teacher)
    response = client.post(
        reverse("privacy:student_delete", args=[student.pk]),
        {"reason": "Family asked for deletion", "confirm_username": student.username},
    )
    assert response.status_code == 302
    assert not User.objects.filter(pk=student.pk).exists()
    assert not Attempt.objects.exists()
    assert not Response.objects.exists()
    assert not Score.objects.exists()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.STUDENT_DELETED)
    assert entry.actor == teacher
    assert entry.subject_user_id == student.pk
    assert entry.reason == "Family asked for deletion"
    assert student.username not in json.dumps(entry.details)


def test_a_wrong_confirmation_deletes_nothing_and_says_why(client, teacher, student, worked):
    client.force_login(teacher)
    response = client.post(
        reverse("privacy:student_delete", args=[student.pk]),
        {"reason": "Tidy up", "confirm_username": "someone-else"},
    )
    assert response.status_code == 400
    assert b"not this student" in response.content
    assert User.objects.filter(pk=student.pk).exists()
    assert Response.objects.count() == 1


def test_a_score_override_is_written_to_the_audit_log(teacher, worked):
    question = Question.objects.get(pk=worked.item_order[0])
    services.score_set(
        attempt=worked,
        question=question,
        points=Decimal(question.points),
        by=teacher,
        reason="Accepted a synonym",
    )
    entry = AuditEntry.objects.get(action=AuditEntry.Action.SCORE_OVERRIDE)
    assert entry.actor == teacher
    assert entry.reason == "Accepted a synonym"
    assert entry.details["question"] == question.key
    assert entry.details["attempt_total_after"] != entry.details["attempt_total_before"]


def test_logs_carry_no_personal_data_or_answers(client, student, assignment, caplog):
    caplog.set_level(logging.DEBUG)
    url = reverse("accounts:login")
    client.post(url, {"username": student.username, "password": "wrong"})
    client.post(url, {"username": student.username, "password": PASSWORD})
    client.post(reverse("learning:attempt_start", args=[assignment.pk]))
    attempt = Attempt.objects.get(student=student)
    short = Question.objects.filter(pk__in=attempt.item_order, type="short_text").first()
    save = reverse("learning:response_save", args=[attempt.pk, short.pk])
    client.post(save, {f"{short.uid}-text": "a very private answer"})
    client.post(save, {f"{short.uid}-text": "x" * 100_000})  # refused: too long (400)
    client.post(reverse("learning:attempt_take", args=[attempt.pk]), {"action": "submit"})

    assert caplog.records, "expected the request logger to say something"
    assert student.username not in caplog.text
    assert "private answer" not in caplog.text
