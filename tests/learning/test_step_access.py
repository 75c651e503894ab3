"""The step page reads the assignment and the student's attempts with one SQL query
(learning.selectors.step_access `assignment_attempts_get`): it must give what the ORM's read of
the assignment and `lesson_attempts_get` give, and refuse whom they refuse."""

from decimal import Decimal

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from classroom.services import classroom_archive, membership_remove
from learning.selectors.step import lesson_attempts_get
from learning.selectors.step_access import assignment_attempts_get, checks_by_question
from quizzes import services
from quizzes.models import Attempt, Question, Score
from quizzes.types import registry
from tests.classroom.test_student_assignment import orm_assignment_get_for_student
from tests.loaded import loaded_values as values

pytestmark = pytest.mark.django_db


def orm_read(student, pk):
    assignment = orm_assignment_get_for_student(student=student, pk=pk)
    return (assignment, *lesson_attempts_get(student=student, assignment=assignment))


def assert_same(orm, sql) -> None:
    (assignment, work, quiz), (sql_assignment, sql_work, sql_quiz) = orm, sql
    assert values(sql_assignment) == values(assignment)
    assert values(sql_assignment.classroom) == values(assignment.classroom)
    lesson = sql_assignment.lesson
    assert lesson.get_deferred_fields() == {"objectives", "standards", "teacher_guide"}
    assert values(lesson) == {
        name: value for name, value in values(assignment.lesson).items() if name in values(lesson)
    }
    assert (sql_work and values(sql_work)) == (work and values(work))
    assert [values(a) for a in sql_quiz] == [values(a) for a in quiz]


def test_before_the_first_visit_there_is_no_attempt(student, assignment):
    sql = assignment_attempts_get(student=student, pk=assignment.pk)
    assert_same(orm_read(student, assignment.pk), sql)
    assert sql[1:] == (None, [])


def test_the_lesson_work_and_the_quiz_attempts_are_read_as_the_orm_reads_them(
    student, classroom, assignment
):
    classroom.time_zone = "Asia/Baku"
    classroom.save(update_fields=["time_zone"])
    work = services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment, kind=Attempt.Kind.LESSON
    )
    Attempt.objects.filter(pk=work.pk).update(reading_level="simpler", current_step="context")
    first = services.attempt_start(student=student, lesson=assignment.lesson, assignment=assignment)
    services.attempt_submit(attempt=first)
    Attempt.objects.filter(pk=first.pk).update(points_earned=Decimal("2.5"))
    services.attempt_start(student=student, lesson=assignment.lesson, assignment=assignment)
    orm = orm_read(student, assignment.pk)
    timezone.deactivate()
    with CaptureQueriesContext(connection) as queries:
        sql = assignment_attempts_get(student=student, pk=assignment.pk)
        assert_same(orm, sql)
        assert sql[1].reading_level == "simpler"
        assert [a.number for a in sql[2]] == [1, 2] and sql[2][0].points_earned == Decimal("2.5")
        assert sql[2][1].assignment is sql[0]  # no query for it
        assert sql[0].lesson.timeline == orm[0].lesson.timeline
    assert len(queries.captured_queries) == 1  # nothing deferred is read
    assert timezone.get_current_timezone_name() == "Asia/Baku"  # the class's, as the ORM read


def test_another_students_attempts_are_not_read(student, outsider, assignment):
    services.attempt_start(student=outsider, lesson=assignment.lesson, assignment=assignment)
    assert assignment_attempts_get(student=student, pk=assignment.pk)[1:] == (None, [])


@pytest.mark.parametrize("pk", [0, 2**63, 10**30])
def test_an_id_no_table_holds_is_a_404(student, pk):
    with pytest.raises(Http404):
        assignment_attempts_get(student=student, pk=pk)


def test_an_assignment_of_another_class_is_a_404(outsider, assignment):
    with pytest.raises(Http404):
        assignment_attempts_get(student=outsider, pk=assignment.pk)


def test_a_student_removed_from_the_class_gets_a_404(student, classroom, assignment):
    services.attempt_start(student=student, lesson=assignment.lesson, assignment=assignment)
    membership_remove(classroom=classroom, student=student)
    with pytest.raises(Http404):
        assignment_attempts_get(student=student, pk=assignment.pk)


def test_an_archived_class_is_a_404(student, classroom, assignment):
    classroom_archive(classroom=classroom)
    with pytest.raises(Http404):
        assignment_attempts_get(student=student, pk=assignment.pk)


def test_checks_are_read_as_the_orm_reads_them_newest_first(student, assignment):
    work = services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment, kind=Attempt.Kind.LESSON
    )
    questions = [
        q
        for q in Question.objects.filter(lesson=assignment.lesson, is_current=True)
        .exclude(step__kind="quiz")
        .order_by("position")
        if registry.get(q.type).auto_graded
    ][:3]
    for tries, question in enumerate(questions, start=1):
        qt = registry.get(question.type)
        right = qt.dump_response(qt.correct_response(qt.parse_spec(question.spec)))
        for _ in range(tries):
            services.activity_check(attempt=work, question_id=question.pk, data=right)
    ids = [q.pk for q in questions[1:]]  # not the first: only the questions asked for
    orm = Score.objects.filter(
        attempt=work, question_id__in=ids, origin=Score.Origin.CHECK
    ).order_by("question_id", "-try_number", "-id")
    sql = checks_by_question(work, ids)
    assert sorted(sql) == sorted(ids)
    assert [values(s) for q in sorted(sql) for s in sql[q]] == [values(s) for s in orm]
    assert [s.try_number for s in sql[questions[2].pk]] == [3, 2, 1]
    assert checks_by_question(work, []) == {}
