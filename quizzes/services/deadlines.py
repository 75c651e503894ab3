"""Deadlines: a student's window on an assignment (its dates, with the student's extension),
and the deadlines of open attempts kept in step with it when the window changes."""

from django.db import transaction

from accounts.models import User

from .. import policy
from ..models import Attempt


def window_for(*, student: User, assignment) -> policy.Window:
    """The student's window on `assignment` (None: a teacher's preview, no window)."""
    extension = (
        None if assignment is None else assignment.extensions.filter(student=student).first()
    )
    return policy.student_window(assignment=assignment, extension=extension)


@transaction.atomic
def attempt_deadlines_refresh(*, assignment, student: User | None = None) -> int:
    """Recompute the deadline of open attempts on an assignment (one student's, or everyone's)
    after its window changed: an extension, extra minutes, new dates. The rule is the one
    `attempt_start` applies, so a student mid-quiz gets the extra time at once. Returns how
    many attempts changed."""
    open_attempts = Attempt.objects.select_for_update(of=("self",)).filter(
        assignment=assignment, status=Attempt.Status.IN_PROGRESS
    )
    if student is not None:
        open_attempts = open_attempts.filter(student=student)
    settings = policy.settings_for(assignment=assignment, lesson=assignment.lesson)
    windows: dict[int, policy.Window] = {}
    changed = []
    for attempt in open_attempts.select_related("student").order_by("pk"):
        if attempt.student_id not in windows:
            windows[attempt.student_id] = window_for(student=attempt.student, assignment=assignment)
        window = windows[attempt.student_id]
        if attempt.kind == Attempt.Kind.QUIZ:
            deadline = policy.attempt_deadline(
                started_at=attempt.started_at, settings=settings, window=window
            )
        else:
            deadline = window.closes_at
        if deadline != attempt.deadline:
            attempt.deadline = deadline
            changed.append(attempt)
    Attempt.objects.bulk_update(changed, ["deadline"])
    return len(changed)
