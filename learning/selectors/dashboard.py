"""The student's dashboard: each assigned lesson with its status, dates and released score.

A fixed number of queries whatever the number of assignments
(tests/learning/test_views_query_counts.py). Access is the caller's: pass the signed-in student."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from classroom.models import Assignment, Extension, JoinRequest
from learning.selectors.step import reading_level_for
from lessons.models import Lesson, Step
from lessons.parts import PartView, lesson_parts
from quizzes import policy
from quizzes.models import Attempt

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
    assignments = list(
        Assignment.objects.select_related("lesson", "classroom")
        # The page shows a lesson's title and parts: its guide alone can be hundreds of
        # kilobytes of JSON to decode, once per assignment, on the page every login opens.
        .defer(*(f"lesson__{name}" for name in DASHBOARD_UNREAD))
        .filter(classroom__memberships__student=student, classroom__archived_at=None)
        .order_by("due_at", "id")
    )
    ids = [a.pk for a in assignments]
    extensions = {
        e.assignment_id: e for e in Extension.objects.filter(student=student, assignment_id__in=ids)
    }
    attempts: dict[int, list[Attempt]] = defaultdict(list)
    for attempt in Attempt.objects.filter(student=student, assignment_id__in=ids).order_by(
        "number"
    ):
        attempts[attempt.assignment_id].append(attempt)
    steps: dict[int, dict[str, Step]] = defaultdict(dict)
    # Unordered: the steps are sorted by position below, and the default order joins lessons.
    lesson_ids = {a.lesson_id for a in assignments}
    for step in Step.objects.filter(lesson_id__in=lesson_ids).defer(*STEP_UNREAD).order_by():
        steps[step.lesson_id][step.kind] = step
    return [
        _dashboard_row(a, extensions.get(a.pk), attempts[a.pk], steps[a.lesson_id], now)
        for a in assignments
    ]


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


def classes_waiting_for_approval(*, student: User) -> list[str]:
    """The names of the classes the student asked to join and whose teacher has not answered
    yet: all the dashboard says of them (no assignment, no lesson) until approval."""
    return list(
        JoinRequest.objects.filter(student=student, classroom__archived_at=None)
        .order_by("requested_at", "id")
        .values_list("classroom__name", flat=True)
    )
