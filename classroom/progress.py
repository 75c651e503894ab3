"""What one student has done on one assignment, as a teacher reads it: pure, no database.

The selectors fetch plain rows (attempts, reflections, extensions) in a fixed number of queries;
`progress_for` turns the rows of one student and one assignment into a `Progress`. The rules:

- **The quiz grade** combines the submitted quiz attempts by the assignment's grading method
  (`quizzes.policy.combine_attempts`); each attempt's points come from its newest score rows,
  so an override or a teacher's score is included.
- **Written answers** (lesson activities never scored automatically: the reflection) add their
  newest teacher score to the grade, and their points to the points possible.
- **The grade** exists once a quiz attempt is submitted: quiz grade + written answers scored.
- **Late**: the attempt that counts (every attempt, for "average") was submitted after the
  student's due date (the class's, or their extension's; the database compares them).
  **Overdue**: nothing submitted and the due date has passed.
- **Needs scoring**: a submitted quiz attempt holds an unscored answer, or a written answer is
  unscored or was changed after it was scored.

See docs/decisions/0004-assignment-grade.md."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from quizzes import policy
from quizzes.models import Attempt, GradingMethod
from quizzes.policy import combine_attempts


class Status(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"


STATUS_LABELS = {
    Status.NOT_STARTED: _("Not started"),
    Status.IN_PROGRESS: _("In progress"),
    Status.SUBMITTED: _("Submitted"),
}


@dataclass(slots=True)
class AttemptRow:
    """The columns of a quiz attempt the progress rules need (`selectors.attempt_rows` reads
    them with `values_list`; `late` is computed by the database). Not frozen: a frozen
    dataclass is several times slower to build, and the grid builds ten thousand."""

    id: int
    student_id: int
    assignment_id: int
    number: int
    status: str
    late: bool  # submitted after the student's due date (the class's, or their extension's)
    points_earned: Decimal | None
    points_possible: Decimal | None
    needs_scoring: bool
    regraded: bool = False  # the score counting for one of its items is a regrade (key fix)

    @property
    def submitted(self) -> bool:
        return self.status == Attempt.Status.SUBMITTED


@dataclass(slots=True)
class Progress:
    status: Status
    attempts: int  # submitted quiz attempts
    counted_attempt_id: int | None
    quiz_points: Decimal | None
    quiz_possible: Decimal | None
    written_points: Decimal | None
    written_possible: Decimal
    points: Decimal | None
    possible: Decimal | None
    late: bool
    overdue: bool
    needs_scoring: bool
    extended: bool
    due_at: datetime
    regraded: bool = False  # the attempt that counts was regraded after a key fix

    @property
    def percent(self) -> int | None:
        return policy.percent(self.points, self.possible)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


def counted_first(method: str) -> tuple[str, ...]:
    """The order that puts the attempt a grading method counts first, as `order_by` fields
    (points missing count as 0): the one rule, which `counted_attempts` applies in Python and
    `selectors.progress.attempts_counted` in the database. "Average" counts every attempt; its
    attempt that counts for one item's answers is the latest."""
    if method == GradingMethod.FIRST:
        return ("number",)
    if method == GradingMethod.HIGHEST:
        return ("-points_earned", "number")  # the earliest of equal highest scores
    return ("-number",)


def _sort_key(order: tuple[str, ...]):
    fields = [(name.lstrip("-"), name.startswith("-")) for name in order]
    return lambda a: tuple(
        -(getattr(a, name) or ZERO) if descending else (getattr(a, name) or ZERO)
        for name, descending in fields
    )


def counted_attempts(method: str, submitted: list[AttemptRow]) -> list[AttemptRow]:
    """The submitted attempts the grade rests on (in attempt order): all of them for
    "average", else the one `counted_first` puts first."""
    if not submitted:
        return []
    if method == GradingMethod.AVERAGE:
        return submitted
    return [min(submitted, key=_sort_key(counted_first(method)))]


ZERO = Decimal(0)
SUBMITTED = Attempt.Status.SUBMITTED.value


def progress_for(
    *,
    method: str,
    due_at: datetime,
    extended: bool,
    quiz_attempts: list[AttemptRow],
    lesson_started: bool,
    written_points: Decimal | None,
    written_waiting: bool,
    written_possible: Decimal,
    now: datetime,
) -> Progress:
    """`quiz_attempts` in attempt order; `due_at` is the student's (after any extension);
    `written_points`: the teacher's newest scores of the written answers (None: none scored);
    `written_waiting`: a written answer is unscored, or was saved again after it was scored.
    Called once per cell of the grid (10,000 times for a class of 1,000 with 10 assignments),
    so written for speed: the one submitted attempt most cells have takes the short path."""
    submitted = [a for a in quiz_attempts if a.status == SUBMITTED] if quiz_attempts else []
    needs_scoring = written_waiting
    if not submitted:
        return Progress(
            Status.IN_PROGRESS if quiz_attempts or lesson_started else Status.NOT_STARTED,
            0,
            None,
            None,
            None,
            written_points,
            written_possible,
            None,
            None,
            False,
            now > due_at,
            needs_scoring,
            extended,
            due_at,
        )
    if len(submitted) == 1:
        counted = submitted
        quiz_points = submitted[0].points_earned or ZERO
    else:
        counted = counted_attempts(method, submitted)
        quiz_points = combine_attempts(method, [a.points_earned or ZERO for a in submitted])
    last = counted[-1]
    quiz_possible = last.points_possible
    late = regraded = False
    for a in counted:
        late = late or a.late
        regraded = regraded or a.regraded
    if not needs_scoring:
        needs_scoring = any(a.needs_scoring for a in submitted)
    return Progress(
        Status.SUBMITTED,
        len(submitted),
        last.id,
        quiz_points,
        quiz_possible,
        written_points,
        written_possible,
        (quiz_points or ZERO) + (written_points or ZERO),
        (quiz_possible or ZERO) + written_possible,
        late,
        False,
        needs_scoring,
        extended,
        due_at,
        regraded,
    )
