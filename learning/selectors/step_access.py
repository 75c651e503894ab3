"""The step page's reads of the assignment, the student's attempts and their checks, written
as SQL.

A step page is the students' most frequent page after the quiz's. Its read of the assignment
was two ORM queries, `classroom.selectors.assignment_get_for_student` (the assignment with its
lesson and class, the membership a join) and `learning.selectors.step.lesson_attempts_get`;
composing them cost about 1.9 ms per request, running them 0.1 ms. `assignment_attempts_get` is
the same read as one SQL query (core.rows): the same access rule (a class of the student's, not
archived), the same columns and instances, the same 404. The lesson comes without the columns no
step page reads (deferred: read on first use). `checks_by_question` reads an answered step's
checks the same way. tests/learning/test_step_access.py compares both with the ORM's reads."""

from collections import defaultdict
from functools import cache

from django.db import connection
from django.http import Http404

from accounts.models import User
from classroom.models import Assignment, Classroom
from classroom.selectors.student_assignment import student_class_sql
from classroom.timezones import class_zone_activate
from core import rows
from core.sql import prepared_cursor
from lessons.models import Lesson
from quizzes.models import Attempt, Score

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
WHERE asg.id = %s AND {student_class}
ORDER BY a.number, a.id
"""


def assignment_attempts_get(
    *, student: User, pk: int
) -> tuple[Assignment, Attempt | None, list[Attempt]]:
    """(the assignment as `assignment_get_for_student` gives it, with its lesson and class;
    the lesson-work record and the quiz attempts as `lesson_attempts_get` gives them), in one
    query; 404 if the assignment is not in one of the student's classes, or the class is
    archived. Makes the class's time zone the current one, as the ORM read does."""
    if not rows.is_row_id(pk):
        raise Http404("No such assignment.")  # not an id the table can hold
    parts = _parts()
    with prepared_cursor() as cursor:
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
        student_class=student_class_sql(),
    )


def attempts_split(attempts, assignment: Assignment) -> tuple[Attempt | None, list[Attempt]]:
    """(the lesson-work record, the quiz attempts) of the student's attempts on the assignment,
    given in the order of their numbers."""
    work = None
    quiz = []
    for row in attempts:
        if row.kind == Attempt.Kind.QUIZ:
            quiz.append(row)
        elif row.kind == Attempt.Kind.LESSON and row.lesson_id == assignment.lesson_id:
            work = row  # the last, as lesson_work_get's "-number"
    return work, quiz


# The checks of the step's answered activities, newest first, for their feedback and tries.
_CHECKS = """
SELECT {s} FROM {scores} s
WHERE s.attempt_id = %s AND s.origin = %s AND s.question_id IN ({questions})
ORDER BY s.question_id, s.try_number DESC, s.id DESC
"""


def checks_by_question(attempt: Attempt, question_ids: list[int]) -> dict[int, list[Score]]:
    """Formative checks (CHECK score rows) of these questions of the attempt, by question,
    newest first (one query, none without questions)."""
    checks: dict[int, list[Score]] = defaultdict(list)
    if not question_ids:
        return checks
    fields = rows.fields_of(Score)
    sql = _CHECKS.format(
        s=rows.columns("s", fields),
        scores=Score._meta.db_table,
        questions=", ".join(["%s"] * len(question_ids)),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [attempt.pk, Score.Origin.CHECK, *question_ids])
        found = cursor.fetchall()
    for row in found:
        score = rows.instance(Score, fields, row)
        checks[score.question_id].append(score)
    return checks


def _parts() -> dict:
    return {
        "asg": (Assignment, rows.fields_of(Assignment)),
        "l": (Lesson, rows.fields_of(Lesson, skip=LESSON_UNREAD)),
        "c": (Classroom, rows.fields_of(Classroom)),
        "a": (Attempt, rows.fields_of(Attempt)),
    }
