"""The student's dashboard: each assigned lesson with its status, dates and released score.

A fixed number of queries whatever the number of assignments
(tests/learning/test_views_query_counts.py). Access is the caller's: pass the signed-in student."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import cache

from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from classroom.models import Assignment, Classroom, Extension, JoinRequest
from classroom.selectors.student_assignment import student_class_sql
from core import rows
from core.sql import prepared_cursor
from learning.selectors.step import reading_level_for
from lessons.models import Lesson, Step
from lessons.parts import PartView, lesson_parts
from quizzes import policy
from quizzes.models import Attempt

# The page shows a lesson's title and parts: its guide alone can be hundreds of kilobytes of
# JSON to decode, once per assignment, on the page every login opens.
DASHBOARD_UNREAD = ("summary", "objectives", "standards", "teacher_guide", "timeline", "skills")
# Of each step, the page shows its kind, place and minutes: never its text (a lesson's steps
# hold tens of kilobytes of it, and their figures JSON to decode).
STEP_UNREAD = ("body", "body_simpler", "figures")


class Status(models.TextChoices):
    NOT_OPEN = "not_open", _("Not open yet")
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted")
    LATE = "late", _("Late")
    CLOSED = "closed", _("Closed")


@dataclass
class AssignmentRow:
    """One assigned lesson as the student's dashboard shows it."""

    assignment: Assignment
    lesson: Lesson
    status: str
    due_at: datetime  # with the student's extension
    closes_at: datetime
    submitted_late: bool = False
    score_earned: Decimal | None = None  # shown only when released
    score_possible: Decimal | None = None
    score_pending: bool = False  # submitted, score not released yet
    current_step: Step | None = None
    step_count: int = 0
    can_work: bool = True
    parts: list[PartView] = field(default_factory=list)  # at the student's reading level

    @property
    def minutes(self) -> int:
        """Core minutes of the whole lesson, or the author's estimate before the loader's."""
        return sum(p.core for p in self.parts) or self.lesson.estimated_minutes

    @property
    def extension_minutes(self) -> int:
        return sum(p.extension for p in self.parts)

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

    @property
    def current_step_number(self) -> int:
        return self.current_step.position + 1 if self.current_step else 0


def assignments_for_dashboard(*, student: User, now: datetime | None = None) -> list[AssignmentRow]:
    """The student's assignments with status and released score, in a fixed number of queries."""
    now = now or timezone.now()
    assignments, extensions, attempts = _assignments_read(student)
    steps = _steps_read({a.lesson_id for a in assignments})
    return [
        _dashboard_row(a, extensions.get(a.pk), attempts[a.pk], steps[a.lesson_id], now)
        for a in assignments
    ]


# The page every login opens, read as SQL (core.rows): composed with the ORM, its reads cost
# several times running them. One row per attempt of the student's on each assignment of
# their classes that are not archived (one row of NULLs before the first), with its lesson,
# class and the student's extension. tests/learning/test_dashboard_reads.py holds these reads
# to the ORM's.
_ASSIGNMENTS = """
SELECT {asg}, {l}, {c}, {e}, {a}
FROM {assignments} asg
JOIN {lessons} l ON l.id = asg.lesson_id
JOIN {classrooms} c ON c.id = asg.classroom_id
LEFT JOIN {extensions} e ON e.assignment_id = asg.id AND e.student_id = %s
LEFT JOIN {attempts} a ON a.assignment_id = asg.id AND a.student_id = %s
WHERE {student_class}
ORDER BY asg.due_at, asg.id, a.number, a.id
"""


def _assignments_read(student: User):
    """(the assignments, due first, each with its lesson and class; the student's extensions
    by assignment id; their attempts by assignment id, in the order of their numbers)."""
    parts = _parts()
    with prepared_cursor() as cursor:
        cursor.execute(_assignments_sql(connection.vendor), [student.pk] * 3)
        found = cursor.fetchall()
    assignments: dict[int, Assignment] = {}
    extensions: dict[int, Extension] = {}
    attempts: dict[int, list[Attempt]] = defaultdict(list)
    for row in found:
        assignment, lesson, classroom, extension, attempt = rows.instances(row, parts)
        if assignment.pk not in assignments:
            assignment.lesson, assignment.classroom = lesson, classroom
            assignments[assignment.pk] = assignment
            if extension is not None:
                extensions[assignment.pk] = extension
        if attempt is not None:
            attempts[assignment.pk].append(attempt)
    return list(assignments.values()), extensions, attempts


@cache
def _parts() -> tuple:
    return (
        (Assignment, rows.fields_of(Assignment)),
        (Lesson, rows.fields_of(Lesson, skip=DASHBOARD_UNREAD)),
        (Classroom, rows.fields_of(Classroom)),
        (Extension, rows.fields_of(Extension)),
        (Attempt, rows.fields_of(Attempt)),
    )


@cache
def _assignments_sql(vendor: str) -> str:
    """`_ASSIGNMENTS` for this kind of database (its quoting), written once per process."""
    aliases = ("asg", "l", "c", "e", "a")
    columns = {
        alias: rows.columns(alias, fields)
        for alias, (_m, fields) in zip(aliases, _parts(), strict=True)
    }
    tables = {
        "assignments": Assignment,
        "lessons": Lesson,
        "classrooms": Classroom,
        "extensions": Extension,
        "attempts": Attempt,
    }
    return _ASSIGNMENTS.format(
        **columns,
        **{name: model._meta.db_table for name, model in tables.items()},
        student_class=student_class_sql(),
    )


_STEPS = "SELECT {st} FROM {steps} st WHERE st.lesson_id IN ({lessons})"


def _steps_read(lesson_ids: set[int]) -> dict[int, dict[str, Step]]:
    """The steps of these lessons, by lesson and kind, without their text (`STEP_UNREAD`)."""
    steps: dict[int, dict[str, Step]] = defaultdict(dict)
    if not lesson_ids:
        return steps
    fields = rows.fields_of(Step, skip=STEP_UNREAD)
    sql = _STEPS.format(
        st=rows.columns("st", fields),
        steps=Step._meta.db_table,
        lessons=", ".join(["%s"] * len(lesson_ids)),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, sorted(lesson_ids))
        found = cursor.fetchall()
    for row in found:
        step = rows.instance(Step, fields, row)
        steps[step.lesson_id][step.kind] = step
    return steps


def _dashboard_row(assignment, extension, attempts, steps, now) -> AssignmentRow:
    window = policy.student_window(assignment=assignment, extension=extension)
    due_at, closes_at = window.due_at, window.closes_at
    lesson_work = next((a for a in attempts if a.kind == Attempt.Kind.LESSON), None)
    quizzes = [a for a in attempts if a.kind == Attempt.Kind.QUIZ]
    submitted = [a for a in quizzes if not a.is_open]
    row = AssignmentRow(
        assignment=assignment,
        lesson=assignment.lesson,
        status=Status.NOT_STARTED,
        due_at=due_at,
        closes_at=closes_at,
        step_count=len(steps),
        current_step=steps.get(lesson_work.current_step) if lesson_work else None,
        parts=lesson_parts(
            assignment.lesson,
            sorted(steps.values(), key=lambda s: s.position),
            reading_level_for(attempt=lesson_work, assignment=assignment),
        ),
    )
    if now < assignment.opens_at:
        row.status, row.can_work = Status.NOT_OPEN, False
    elif submitted:
        row.status = Status.SUBMITTED
        row.submitted_late = any(a.submitted_at and a.submitted_at > due_at for a in submitted)
        _set_score(row, assignment, submitted, now, policy.release_at(window))
    elif now > closes_at:
        row.status, row.can_work = Status.CLOSED, lesson_work is not None
    elif now > due_at:
        row.status = Status.LATE
    elif lesson_work is not None or quizzes:
        row.status = Status.IN_PROGRESS
    return row


def _set_score(row: AssignmentRow, assignment, submitted: list[Attempt], now, release_at) -> None:
    settings = policy.QuizSettings.from_obj(assignment)
    review = policy.review_for(settings, submitted=True, due_at=release_at, now=now)
    if not review.score:
        row.score_pending = True
        return
    row.score_earned = policy.combine_attempts(
        settings.grading_method, [a.points_earned or Decimal(0) for a in submitted]
    )
    row.score_possible = submitted[-1].points_possible


# The statuses in which there is still something to do.
TO_DO = (Status.NOT_STARTED, Status.IN_PROGRESS, Status.LATE)


def dashboard_next(rows: list[AssignmentRow]) -> AssignmentRow | None:
    """What to do next, as one button: the open lesson not yet submitted that is due first."""
    todo = [row for row in rows if row.can_work and row.status in TO_DO]
    return min(todo, key=lambda row: row.due_at) if todo else None


# Also on every visit: a statement of its own, as the assignments'.
_WAITING = """SELECT c.name FROM {requests} j JOIN {classrooms} c ON c.id = j.classroom_id
WHERE j.student_id = %s AND c.archived_at IS NULL ORDER BY j.requested_at, j.id"""


def classes_waiting_for_approval(*, student: User) -> list[str]:
    """The names of the classes the student asked to join and whose teacher has not answered
    yet: all the dashboard says of them (no assignment, no lesson) until approval."""
    with prepared_cursor() as cursor:
        cursor.execute(_waiting_sql(), [student.pk])
        return [name for (name,) in cursor.fetchall()]


@cache
def _waiting_sql() -> str:
    return _WAITING.format(requests=JoinRequest._meta.db_table, classrooms=Classroom._meta.db_table)
