"""Pure rules on quiz settings: which settings apply, when an attempt closes, what a student
may see. No database, no clock: the caller passes `now`."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from fractions import Fraction

from .models import FeedbackTiming, GradingMethod

# A save that arrives this long after the deadline still counts: the request left the browser in
# time but the network was slow. The countdown in the browser submits at zero.
DEADLINE_GRACE = timedelta(seconds=30)


@dataclass(frozen=True)
class QuizSettings:
    attempts_allowed: int = 1  # 0 = unlimited
    grading_method: str = GradingMethod.HIGHEST
    time_limit_minutes: int | None = None
    shuffle_items: bool = False
    shuffle_choices: bool = False
    show_feedback: str = FeedbackTiming.AFTER_SUBMIT
    show_key: str = FeedbackTiming.AFTER_DUE

    @classmethod
    def from_obj(cls, obj) -> "QuizSettings":
        """From a Quiz (the lesson's defaults) or an Assignment (what the teacher chose)."""
        return cls(**{name: getattr(obj, name) for name in cls.__dataclass_fields__})


@dataclass(frozen=True)
class Window:
    """When a student may work: opens, due (after extension), and when late work stops."""

    opens_at: datetime | None = None
    due_at: datetime | None = None
    closes_at: datetime | None = None
    extra_minutes: int = 0


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


def can_show(timing: str, *, submitted: bool, due_passed: bool) -> bool:
    if timing == FeedbackTiming.IMMEDIATELY:
        return True
    if timing == FeedbackTiming.AFTER_SUBMIT:
        return submitted
    if timing == FeedbackTiming.AFTER_DUE:
        return submitted and due_passed
    return False


@dataclass(frozen=True)
class Review:
    feedback: bool
    key: bool
    score: bool


def review_for(
    settings: QuizSettings, *, submitted: bool, due_at: datetime | None, now: datetime
) -> Review:
    """What a student may see of their own attempt."""
    due_passed = due_at is None or now >= due_at
    feedback = can_show(settings.show_feedback, submitted=submitted, due_passed=due_passed)
    key = can_show(settings.show_key, submitted=submitted, due_passed=due_passed)
    # The score is feedback too: a teacher who withholds feedback withholds the score.
    return Review(feedback=feedback, key=key and feedback, score=submitted and feedback)


def points_for(fraction: Fraction, points: int) -> Decimal:
    """Exact until stored: three decimals is finer than any score a teacher reads."""
    value = fraction * points
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.001"))


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
