"""core.rows.values: columns of one table read with hand-written SQL, each value converted as
the ORM's `values_list()` converts it (JSON decoded, dates parsed on SQLite)."""

import pytest

from core import rows
from quizzes import services
from quizzes.models import Attempt, Question, Response

pytestmark = pytest.mark.django_db


def test_values_are_what_values_list_gives(student, assignment):
    attempt = services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment
    )
    question = Question.objects.get(pk=attempt.item_order[0])
    services.response_save(
        attempt=attempt,
        question_id=question.pk,
        data={"choice": question.spec["choices"][0]["id"]},
        question=question,
    )
    names = ("question", "data", "updated_at")
    orm = list(Response.objects.filter(attempt=attempt).values_list(*names))
    assert rows.values(Response, names, "t.attempt_id = %s", [attempt.pk]) == orm
    assert isinstance(orm[0][1], dict)  # decoded, not the column's text
    names = ("id", "item_order", "started_at", "deadline", "status")
    orm = list(Attempt.objects.filter(pk=attempt.pk).values_list(*names))
    assert rows.values(Attempt, names, "t.id = %s", [attempt.pk]) == orm
    assert rows.values(Attempt, names, "t.id = %s", [-1]) == []
