"""The quiz page reads its attempt with one SQL query (learning.selectors.attempt
`attempt_get_for_taking`): it must give what the ORM's `attempt_get_for_student` gives."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from accounts.services import user_create
from learning.selectors.attempt import attempt_get_for_taking
from quizzes import selectors, services
from quizzes.models import Attempt
from tests.loaded import loaded_values as values

pytestmark = pytest.mark.django_db


def assert_same(orm: Attempt, sql: Attempt) -> None:
    assert values(sql) == values(orm)
    assert sql.work_level == orm.work_level
    assert values(sql.lesson) == values(orm.lesson)
    assert sql.lesson.get_deferred_fields() == orm.lesson.get_deferred_fields()
    assert values(sql.lesson.quiz) == values(orm.lesson.quiz)
    if orm.assignment is None:
        assert sql.assignment is None
    else:
        assert values(sql.assignment) == values(orm.assignment)
        assert values(sql.assignment.classroom) == values(orm.assignment.classroom)


def test_an_assigned_attempt_is_read_as_the_orm_reads_it(student, assignment):
    work = services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment, kind=Attempt.Kind.LESSON
    )
    work.reading_level = "simpler"
    work.save(update_fields=["reading_level"])
    attempt = services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment
    )
    Attempt.objects.filter(pk=attempt.pk).update(points_earned=Decimal("2.5"))
    orm = selectors.attempt_get_for_student(student=student, pk=attempt.pk, reading_level=True)
    with CaptureQueriesContext(connection) as queries:
        sql = attempt_get_for_taking(student=student, pk=attempt.pk)
        assert_same(orm, sql)
        assert sql.deadline is not None and sql.deadline > timezone.now() - timedelta(days=1)
        assert sql.item_order == orm.item_order and sql.item_order
        assert sql.work_level == "simpler"
        assert sql.assignment.classroom.zone == orm.assignment.classroom.zone
    assert len(queries.captured_queries) == 1  # nothing deferred is read


def test_a_preview_without_assignment_is_read_as_the_orm_reads_it(teacher, example_lesson):
    attempt = services.attempt_start(student=teacher, lesson=example_lesson)
    orm = selectors.attempt_get_for_student(student=teacher, pk=attempt.pk, reading_level=True)
    sql = attempt_get_for_taking(student=teacher, pk=attempt.pk)
    assert_same(orm, sql)
    assert sql.assignment is None and sql.work_level is None


@pytest.mark.parametrize("pk", [0, 2**63, 10**30])
def test_an_id_no_table_holds_is_a_404(student, pk):
    with pytest.raises(Http404):
        attempt_get_for_taking(student=student, pk=pk)


def test_another_students_attempt_is_a_404(student, assignment):
    attempt = services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment
    )
    other = user_create(username="s.other", password=None, role=User.Role.STUDENT)
    with pytest.raises(Http404):
        attempt_get_for_taking(student=other, pk=attempt.pk)
