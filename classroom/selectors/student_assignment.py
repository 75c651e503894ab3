"""A student's assignment, read as SQL.

A quiz's start and the lesson's pages read it on every visit. Composed with the ORM (the
lesson and the class joined, the membership a join, the guide deferred) it cost several times
what running it does. This is the same read as one hand-written statement (core.rows): the
same rule (a class of the student's, not archived), the same columns and instances, the same
404. tests/classroom/test_student_assignment.py holds it to the ORM's read."""

from functools import cache

from django.db import connection
from django.http import Http404

from accounts.models import User
from core import rows
from core.sql import prepared_cursor
from lessons.models import Lesson

from ..models import Assignment, Classroom, Membership
from ..timezones import class_zone_activate

# No student page shows the teacher's guide: often the lesson row's largest column by far
# (hundreds of kilobytes of JSON), it is not read with a student's assignment.
LESSON_UNREAD = ("teacher_guide",)

# Which classes' assignments a student sees, as SQL on the class's row (`c`), the student's id
# its one parameter: theirs, not archived (`student_class_sql`).
_STUDENT_CLASS = """c.archived_at IS NULL AND EXISTS (
    SELECT 1 FROM {memberships} m WHERE m.classroom_id = c.id AND m.student_id = %s)"""


@cache
def student_class_sql() -> str:
    """The rule of the classes whose assignments a student sees, as SQL: this read's, the
    dashboard's and the step page's."""
    return _STUDENT_CLASS.format(memberships=Membership._meta.db_table)


_ASSIGNMENT = """
SELECT {asg}, {l}, {c}
FROM {assignments} asg
JOIN {lessons} l ON l.id = asg.lesson_id
JOIN {classrooms} c ON c.id = asg.classroom_id
WHERE asg.id = %s AND {student_class}
"""


def assignment_get_for_student(*, student: User, pk: int) -> Assignment:
    """An assignment of one of the student's classes (not archived), with its lesson and class,
    or 404. Makes the class's time zone the current one."""
    if not rows.is_row_id(pk):
        raise Http404("No such assignment.")  # not an id the table can hold
    with prepared_cursor() as cursor:
        cursor.execute(_sql(connection.vendor), [pk, student.pk])
        row = cursor.fetchone()
    if row is None:
        raise Http404("No such assignment.")
    assignment, lesson, classroom = rows.instances(row, _parts())
    assignment.lesson = lesson
    assignment.classroom = classroom
    class_zone_activate(classroom)
    return assignment


@cache
def _parts() -> tuple:
    return (
        (Assignment, rows.fields_of(Assignment)),
        (Lesson, rows.fields_of(Lesson, skip=LESSON_UNREAD)),
        (Classroom, rows.fields_of(Classroom)),
    )


@cache
def _sql(vendor: str) -> str:
    """The query for this kind of database (its quoting), written once per process."""
    asg, lesson, classroom = (
        rows.columns(alias, fields)
        for alias, (_m, fields) in zip(("asg", "l", "c"), _parts(), strict=True)
    )
    return _ASSIGNMENT.format(
        asg=asg,
        l=lesson,
        c=classroom,
        assignments=Assignment._meta.db_table,
        lessons=Lesson._meta.db_table,
        classrooms=Classroom._meta.db_table,
        student_class=student_class_sql(),
    )
