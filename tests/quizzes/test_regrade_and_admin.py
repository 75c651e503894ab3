"""The admin validates specs like the loader, and shows an answered question read-only (a key
fix is a new version and a regrade: tests/quizzes/test_regrade.py)."""

import pytest

from quizzes.admin import QuestionAdminForm
from quizzes.models import Question

pytestmark = pytest.mark.django_db


def admin_form(question: Question, **changes) -> QuestionAdminForm:
    data = {
        "lesson": question.lesson_id,
        "step": question.step_id,
        "key": question.key,
        "version": question.version,
        "is_current": question.is_current,
        "position": question.position,
        "type": question.type,
        "prompt": question.prompt,
        "points": question.points,
        "skills": '["sourcing"]',
        "feedback": "{}",
        "spec": '{"answer": true}',
    }
    return QuestionAdminForm(data={**data, **changes}, instance=question)


def test_the_admin_accepts_a_valid_spec(example_lesson):
    question = Question.objects.filter(type="true_false").first()
    form = admin_form(question)
    assert form.is_valid(), form.errors


def test_the_admin_refuses_a_spec_its_type_rejects_with_the_schema_message(example_lesson):
    question = Question.objects.filter(type="true_false").first()
    form = admin_form(question, spec='{"answer": "maybe", "surprise": 1}')
    assert not form.is_valid()
    assert "spec" in form.errors
    assert "surprise" in str(form.errors["spec"])


def test_the_admin_refuses_an_unknown_type(example_lesson):
    question = Question.objects.filter(type="true_false").first()
    form = admin_form(question, type="essay_v2")
    assert not form.is_valid()
    assert "Unknown question type" in str(form.errors["type"])


def test_the_admin_shows_an_answered_question_read_only(admin_client, student, assignment):
    from tests.classroom.conftest import answer_quiz

    attempt = answer_quiz(student=student, assignment=assignment)
    answered = Question.objects.get(pk=attempt.item_order[0])
    url = f"/admin/quizzes/question/{answered.pk}/change/"
    page = admin_client.get(url)
    assert page.status_code == 200
    assert 'name="spec"' not in page.content.decode()
    assert "readonly" in page.content.decode()

    spec = dict(answered.spec)
    admin_client.post(url, {"spec": '{"choices": []}', "points": 9})
    answered.refresh_from_db()
    assert answered.spec == spec and answered.points != 9
    assert admin_client.post(f"/admin/quizzes/question/{answered.pk}/delete/").status_code == 403


def test_the_admin_still_edits_a_question_nobody_answered(admin_client, example_lesson):
    question = Question.objects.filter(lesson=example_lesson).first()
    page = admin_client.get(f"/admin/quizzes/question/{question.pk}/change/")
    assert 'name="spec"' in page.content.decode()
