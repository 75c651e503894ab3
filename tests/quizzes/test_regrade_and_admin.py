"""`manage.py regrade` reports every changed score; the admin validates specs like the loader."""

import pytest
from django.core.management import CommandError, call_command

from quizzes import services
from quizzes.admin import QuestionAdminForm
from quizzes.models import Question

pytestmark = pytest.mark.django_db


def test_regrade_reports_each_changed_score(student, assignment, capsys):
    attempt = services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment
    )
    tf = Question.objects.filter(pk__in=attempt.item_order, type="true_false").first()
    services.response_save(attempt=attempt, question_id=tf.pk, data={"answer": tf.spec["answer"]})
    services.attempt_submit(attempt=attempt)
    tf.spec = {**tf.spec, "answer": not tf.spec["answer"]}
    tf.save()

    call_command("regrade", assignment.lesson.slug)

    out = capsys.readouterr().out
    assert f"attempt {attempt.pk} {tf.key}: {tf.points}.000 -> 0.000" in out
    assert "1 score(s) changed." in out


def test_regrade_refuses_an_unknown_lesson():
    with pytest.raises(CommandError, match="No lesson with slug nope"):
        call_command("regrade", "nope")


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
