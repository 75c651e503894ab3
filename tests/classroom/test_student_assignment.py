"""A student's assignment is read with one SQL statement (classroom.selectors
`assignment_get_for_student`): it must give what the ORM's read gives, and refuse whom the ORM's
read refuses (a 404: the assignment does not exist for them)."""

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from classroom.models import Assignment
from classroom.selectors import assignment_get_for_student
from classroom.services import classroom_archive, membership_remove
from tests.loaded import loaded_values as values

pytestmark = pytest.mark.django_db


def orm_assignment_get_for_student(*, student, pk) -> Assignment | None:
    """The read as the ORM composes it: the reference the SQL is held to."""
    return (
        Assignment.objects.select_related("lesson", "classroom")
        .defer("lesson__teacher_guide")
        .filter(pk=pk, classroom__memberships__student=student, classroom__archived_at=None)
        .first()
    )


def test_the_assignment_its_lesson_and_class_are_read_as_the_orm_reads_them(
    student, classroom, assignment
):
    classroom.time_zone = "Asia/Baku"
    classroom.save(update_fields=["time_zone"])
    orm = orm_assignment_get_for_student(student=student, pk=assignment.pk)
    timezone.deactivate()
    with CaptureQueriesContext(connection) as queries:
        sql = assignment_get_for_student(student=student, pk=assignment.pk)
        assert values(sql) == values(orm)
        assert values(sql.classroom) == values(orm.classroom)
        assert sql.lesson.get_deferred_fields() == {"teacher_guide"}
        assert values(sql.lesson) == values(orm.lesson)
        assert sql.lesson.timeline == orm.lesson.timeline  # JSON, decoded alike
    assert len(queries.captured_queries) == 1  # the lesson and class with it, nothing deferred
    assert timezone.get_current_timezone_name() == "Asia/Baku"  # the class's, as the ORM's


@pytest.mark.parametrize("pk", [0, -1, 2**63, 10**30])
def test_an_id_no_table_holds_is_a_404(student, pk):
    with pytest.raises(Http404):
        assignment_get_for_student(student=student, pk=pk)


def test_an_assignment_that_does_not_exist_is_a_404(student, assignment):
    with pytest.raises(Http404):
        assignment_get_for_student(student=student, pk=assignment.pk + 1000)


def refused(case, outsider, student, teacher, classroom):
    """Who may not read the assignment in this case, after what makes it so."""
    if case == "another class's student":
        return outsider
    if case == "the class's teacher":
        return teacher
    if case == "a student removed from the class":
        membership_remove(classroom=classroom, student=student)
        return student
    classroom_archive(classroom=classroom)  # "a student of an archived class"
    return student


@pytest.mark.parametrize(
    "case",
    [
        "another class's student",
        "the class's teacher",
        "a student removed from the class",
        "a student of an archived class",
    ],
)
def test_whom_the_orm_refuses_gets_a_404(case, outsider, student, teacher, classroom, assignment):
    who = refused(case, outsider, student, teacher, classroom)
    assert orm_assignment_get_for_student(student=who, pk=assignment.pk) is None
    with pytest.raises(Http404):
        assignment_get_for_student(student=who, pk=assignment.pk)
