"""The step page's read of the assignment and the student's attempts, written as SQL.

A step page is the students' most frequent page after the quiz's. Its read was two ORM
queries, `classroom.selectors.assignment_get_for_student` (the assignment with its lesson and
class, the membership a join) and `learning.selectors.step.lesson_attempts_get`; composing
them cost about 1.9 ms per request, running them 0.1 ms. This is the same read as one SQL
query (core.rows): the same access rule (a class of the student's, not archived), the same
columns and instances, the same 404; tests/learning/test_step_access.py compares it with the
two ORM reads column by column. The lesson comes without the columns no step page reads
(deferred: read on first use)."""

from functools import cache

from django.db import connection
from django.http import Http404

from accounts.models import User
from classroom.models import Assignment, Classroom, Membership
from classroom.timezones import class_zone_activate
from core import rows
from lessons.models import Lesson
from quizzes.models import Attempt

from .step import attempts_split

# The teacher's planning texts: a step page shows the lesson's title, parts and timeline (and,
# translated, its summary), never these.
LESSON_UNREAD = ("objectives", "standards", "teacher_guide")

# One row per attempt of the student's on the assignment (one row of NULLs before the first),
# each with the assignment, lesson and class; ordered as `lesson_attempts_get` reads them.
_STEP = """
SELECT {asg}, {l}, {c}, {a}
FROM {assignments} asg
JOIN {lessons} l ON l.id = asg.lesson_id
JOIN {classrooms} c ON c.id = asg.classroom_id
LEFT JOIN {attempts} a ON a.assignment_id = asg.id AND a.student_id = %s
WHERE asg.id = %s AND c.archived_at IS NULL
  AND EXISTS (SELECT 1 FROM {memberships} m WHERE m.classroom_id = c.id AND m.student_id = %s)
ORDER BY a.number, a.id
"""
_BIGINT = 2**63


def assignment_attempts_get(
    *, student: User, pk: int
) -> tuple[Assignment, Attempt | None, list[Attempt]]:
    """(the assignment as `assignment_get_for_student` gives it, with its lesson and class;
    the lesson-work record and the quiz attempts as `lesson_attempts_get` gives them), in one
    query; 404 if the assignment is not in one of the student's classes, or the class is
    archived. Makes the class's time zone the current one, as the ORM read does."""
    if not 0 < pk < _BIGINT:
        raise Http404("No such assignment.")  # not an id the table can hold
    parts = _parts()
    with connection.cursor() as cursor:
        cursor.execute(_sql(connection.vendor), [student.pk, pk, student.pk])
        found = cursor.fetchall()
    if not found:
        raise Http404("No such assignment.")
    assignment, lesson, classroom = rows.instances(found[0], [parts[k] for k in ("asg", "l", "c")])
    assignment.lesson = lesson
    assignment.classroom = classroom
    width = len(parts["a"][1])
    attempts = []
    for row in found:
        (attempt,) = rows.instances(row[-width:], [parts["a"]])
        if attempt is not None:  # None: the row of NULLs, no attempt yet
            attempt.assignment = assignment  # what the ORM would read for `attempt.assignment`
            attempts.append(attempt)
    work, quiz = attempts_split(attempts, assignment)
    class_zone_activate(classroom)
    return assignment, work, quiz


@cache
def _sql(vendor: str) -> str:
    """The query for this kind of database (its quoting), written once per process."""
    return _STEP.format(
        **{alias: rows.columns(alias, fields) for alias, (_model, fields) in _parts().items()},
        assignments=Assignment._meta.db_table,
        lessons=Lesson._meta.db_table,
        classrooms=Classroom._meta.db_table,
        attempts=Attempt._meta.db_table,
        memberships=Membership._meta.db_table,
    )


def _parts() -> dict:
    return {
        "asg": (Assignment, rows.fields_of(Assignment)),
        "l": (Lesson, rows.fields_of(Lesson, skip=LESSON_UNREAD)),
        "c": (Classroom, rows.fields_of(Classroom)),
        "a": (Attempt, rows.fields_of(Attempt)),
    }
