"""What a submit writes and reads once: the Score rows of a grading (one plain INSERT, each
value as the ORM stores it) and a question's parsed spec (once per Question instance)."""

from decimal import Decimal
from unittest import mock

import pytest
from django.db import connection

from quizzes import services
from quizzes.models import Question, Score
from quizzes.services.scoring import grade, score_row, scores_insert
from quizzes.types import registry

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(student, assignment):
    return services.attempt_start(student=student, lesson=assignment.lesson, assignment=assignment)


def _single_choice(attempt) -> Question:
    return Question.objects.filter(pk__in=attempt.item_order, type="single_choice").first()


def test_inserted_scores_read_back_as_the_orm_would_have_stored_them(attempt):
    question = _single_choice(attempt)
    right = next(c["id"] for c in question.spec["choices"] if c["correct"])
    graded = grade(question, {"choice": right})
    scores_insert([score_row(attempt, graded, Score.Origin.SUBMIT)])
    stored = Score.objects.get(attempt=attempt, question=question)
    assert stored.origin == Score.Origin.SUBMIT
    assert stored.state == "correct"
    assert stored.fraction == "1"
    assert stored.points_earned == stored.points_possible == Decimal(question.points)
    assert stored.parts == graded.result["parts"]
    assert stored.feedback == graded.result["feedback"]
    assert stored.response_data is None and stored.created_by_id is None
    assert stored.try_number == 1 and stored.reason == ""
    assert stored.created_at is not None


def test_scores_are_inserted_in_batches_the_database_accepts(attempt, monkeypatch):
    question = _single_choice(attempt)
    rows = [score_row(attempt, grade(question, None), Score.Origin.SUBMIT) for _ in range(7)]
    monkeypatch.setattr(connection.ops, "bulk_batch_size", lambda fields, objs: 3)
    scores_insert(rows)
    assert Score.objects.filter(attempt=attempt, question=question).count() == 7


def test_a_spec_is_parsed_once_per_instance(attempt):
    question = _single_choice(attempt)
    qt = registry.get(question.type)
    with mock.patch.object(type(qt), "parse_spec", wraps=qt.parse_spec) as parse:
        first = question.spec_parsed()
        grade(question, None)
        assert question.spec_parsed() is first
    assert parse.call_count == 1


def test_a_replaced_spec_is_parsed_again_and_instances_never_share(attempt):
    question = _single_choice(attempt)
    before = question.spec_parsed()
    right = next(c["id"] for c in question.spec["choices"] if c["correct"])
    wrong = next(c["id"] for c in question.spec["choices"] if not c["correct"])
    assert grade(question, {"choice": right}).points_earned == question.points

    # The key moved to another choice (a new spec on the same instance): graded with it.
    question.spec = {
        **question.spec,
        "choices": [{**c, "correct": c["id"] == wrong} for c in question.spec["choices"]],
    }
    assert question.spec_parsed() is not before
    assert grade(question, {"choice": right}).points_earned == 0
    assert grade(question, {"choice": wrong}).points_earned == question.points

    # Another instance of the same row parses its own (the stored) spec.
    fresh = Question.objects.get(pk=question.pk)
    assert grade(fresh, {"choice": right}).points_earned == fresh.points
