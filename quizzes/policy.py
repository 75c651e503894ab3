"""Pure rules on quiz settings: which settings apply, when an attempt closes, what a student
may see. No database, no clock: the caller passes `now`."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from fractions import Fraction

from .models import FeedbackLevel, FeedbackTiming, GradingMethod

# The widest settings a quiz may have: a lesson's quiz settings are the defaults of the
# teacher's assignment form, which offers these ranges (classroom/forms.py; a test keeps the
# two in step). 0 attempts means unlimited, and no time limit is no limit, so neither bound
# takes anything away.
MAX_ATTEMPTS_ALLOWED = 20
MAX_TIME_LIMIT_MINUTES = 600

# A save that arrives this long after the deadline still counts: the request left the browser in
# time but the network was slow. The countdown in the browser submits at zero.
DEADLINE_GRACE = timedelta(seconds=30)


@dataclass(frozen=True)
class QuizSettings:
    """The fields of `models.QuizSettingsFields`, as plain data the rules can take."""

    attempts_allowed: int = 1  # 0 = unlimited
    grading_method: str = GradingMethod.HIGHEST
    time_limit_minutes: int | None = None
    shuffle_items: bool = False
    shuffle_choices: bool = False
    feedback_level: str = FeedbackLevel.FULL
    show_feedback: str = FeedbackTiming.AFTER_SUBMIT
    show_key: str = FeedbackTiming.AFTER_DUE

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        return tuple(cls.__dataclass_fields__)

    @classmethod
    def from_obj(cls, obj) -> "QuizSettings":
        """From a Quiz (the lesson's defaults) or an Assignment (what the teacher chose)."""
        return cls(**{name: getattr(obj, name) for name in cls.field_names()})

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.field_names()}


def settings_for(*, assignment, lesson) -> QuizSettings:
    """Which settings apply: the assignment's, as the teacher chose them; without an assignment
    (a teacher's preview) the defaults of the lesson's quiz."""
    return QuizSettings.from_obj(assignment if assignment is not None else lesson.quiz)


def attempt_settings(attempt) -> QuizSettings:
    """The settings that apply to an attempt (`settings_for` on its assignment or lesson)."""
    assignment = attempt.assignment if attempt.assignment_id else None
    return settings_for(assignment=assignment, lesson=attempt.lesson)


@dataclass(frozen=True)
class Window:
    """When a student may work: opens, due (after extension), and when late work stops."""

    opens_at: datetime | None = None
    due_at: datetime | None = None
    closes_at: datetime | None = None
    extra_minutes: int = 0


def student_window(*, assignment, extension=None) -> Window:
    """A student's dates for an assignment: the one rule, used everywhere.

    The extension's due date counts only when it is later than the class's (an extension never
    shortens); late work is taken until `late_until` when that is later than the student's due
    date, else until that due date. Without an assignment (a preview) nothing closes.
    `classroom.deadlines.student_due_at` is the same rule as a database expression."""
    if assignment is None:
        return Window()
    due_at, extra = assignment.due_at, 0
    if extension is not None:
        if extension.due_at is not None:
            due_at = max(due_at, extension.due_at)
        extra = extension.extra_minutes
    late_until = assignment.late_until
    closes_at = max(due_at, late_until) if late_until is not None else due_at
    return Window(
        opens_at=assignment.opens_at, due_at=due_at, closes_at=closes_at, extra_minutes=extra
    )


def attempt_deadline(*, started_at: datetime, settings: QuizSettings, window: Window):
    """The moment after which a quiz attempt takes no more answers (None: no limit)."""
    candidates = []
    if settings.time_limit_minutes:
        limit = settings.time_limit_minutes + window.extra_minutes
        candidates.append(started_at + timedelta(minutes=limit))
    if window.closes_at is not None:
        candidates.append(window.closes_at)
    return min(candidates) if candidates else None


def is_past(deadline: datetime | None, now: datetime, *, grace: timedelta = DEADLINE_GRACE):
    return deadline is not None and now > deadline + grace


def overdue_before(now: datetime, *, grace: timedelta = DEADLINE_GRACE) -> datetime:
    """Attempts whose deadline is earlier than this are overdue at `now` (`is_past` as a bound
    a query can filter on)."""
    return now - grace


def closed_at(*, deadline: datetime, due_at: datetime | None, last_activity: datetime) -> datetime:
    """When an overdue attempt counts as submitted: at its deadline, never at the request that
    noticed it. One exception keeps the due date meaningful when late work is accepted (the
    deadline is then the end of the late window): an attempt whose last saved answer (or its
    start, with nothing saved) came no later than the student's due date counts as submitted at
    that due date, so it is not late. See docs/decisions/0010-overdue-attempts.md."""
    if due_at is not None and due_at < deadline and last_activity <= due_at:
        return due_at
    return deadline


def can_show(timing: str, *, submitted: bool, due_passed: bool) -> bool:
    if timing == FeedbackTiming.IMMEDIATELY:
        return True
    if timing == FeedbackTiming.AFTER_SUBMIT:
        return submitted
    if timing == FeedbackTiming.AFTER_DUE:
        return submitted and due_passed
    return False


# The timings from earliest to latest: the key is never released before the feedback.
TIMING_ORDER = (
    FeedbackTiming.IMMEDIATELY,
    FeedbackTiming.AFTER_SUBMIT,
    FeedbackTiming.AFTER_DUE,
    FeedbackTiming.NEVER,
)


def key_before_feedback(*, show_feedback: str, show_key: str) -> bool:
    """Whether settings would release the key before the feedback (a form refuses them; the
    rules below release the key no earlier than the feedback anyway)."""
    return TIMING_ORDER.index(FeedbackTiming(show_key)) < TIMING_ORDER.index(
        FeedbackTiming(show_feedback)
    )


@dataclass(frozen=True)
class Review:
    """What a student may see of their own submitted attempt, from least to most:

    - `score`: the points;
    - `feedback`: each question's outcome (right, partly right, wrong, left blank), naming no
      option and showing no explanation;
    - `details`: each answer's own parts marked, with the explanations that give nothing of
      the key away (`QuestionType.feedback_without_key`);
    - `key`: everything: every part, every explanation and the expected answers.
    """

    feedback: bool
    key: bool
    score: bool
    details: bool = False


def release_at(window: Window) -> datetime | None:
    """When "after the due date" comes for a student: once their own window closes (their due
    date, an extension, any late period), so no attempt of theirs can follow what is shown."""
    return window.closes_at if window.closes_at is not None else window.due_at


def review_for(
    settings: QuizSettings, *, submitted: bool, due_at: datetime | None, now: datetime
) -> Review:
    """What a student may see of their own attempt: the one rule. `due_at` is when "after the
    due date" comes (`release_at` of the student's window for anything showing the key)."""
    due_passed = due_at is None or now >= due_at
    released = can_show(settings.show_feedback, submitted=submitted, due_passed=due_passed)
    # The score is feedback too: a teacher who withholds feedback withholds the score, and
    # the key (which shows everything) comes no earlier than the feedback.
    key = released and can_show(settings.show_key, submitted=submitted, due_passed=due_passed)
    score = submitted and released
    level = settings.feedback_level
    return Review(
        feedback=score and (key or level in (FeedbackLevel.OUTCOMES, FeedbackLevel.FULL)),
        key=key,
        score=score,
        details=score and (key or level == FeedbackLevel.FULL),
    )


def points_for(fraction: Fraction, points: int) -> Decimal:
    """Exact until stored: three decimals is finer than any score a teacher reads."""
    value = fraction * points
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.001"))


def percent(points: Decimal | None, possible: Decimal | None) -> int | None:
    """Points as a whole percentage of the possible, rounded half to even; None without points
    or with nothing possible. The one rule for every percentage a student or teacher sees."""
    if points is None or not possible:
        return None
    return int((points * 100 / possible).quantize(Decimal(1)))


def combine_attempts(method: str, scores: list[Decimal]) -> Decimal | None:
    """The grade across submitted attempts, in attempt order."""
    if not scores:
        return None
    if method == GradingMethod.LAST:
        return scores[-1]
    if method == GradingMethod.FIRST:
        return scores[0]
    if method == GradingMethod.AVERAGE:
        return (sum(scores) / len(scores)).quantize(Decimal("0.001"))
    return max(scores)
