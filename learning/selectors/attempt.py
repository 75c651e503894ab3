"""A quiz attempt as the student takes it and as they see it once submitted."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone

from lessons.selectors import lesson_references
from quizzes import policy, selectors
from quizzes.feedback import FeedbackView, feedback_view
from quizzes.models import Attempt
from quizzes.selectors import Item

# A deadline this close is shown as a countdown even without a time limit (the assignment closes).
COUNTDOWN_WITHOUT_LIMIT = timedelta(hours=2)


@dataclass
class TakePage:
    attempt: Attempt
    items: list[Item]
    sources: list
    references: list
    remaining_seconds: int | None  # the server's count: the browser's countdown starts from it
    timed: bool
    answered: int
    has_errors: bool = False


def attempt_take_page(
    *, attempt: Attempt, items: list[Item] | None = None, now: datetime | None = None
) -> TakePage:
    """The quiz page. `items` are the attempt's items as the page shows them (answers that
    could not be saved carry their error); by default as stored."""
    now = now or timezone.now()
    items = items if items is not None else selectors.attempt_items(attempt=attempt)
    remaining, timed = None, False
    if attempt.deadline is not None:
        left = attempt.deadline - now
        remaining = max(0, int(left.total_seconds()))
        limit = policy.attempt_settings(attempt).time_limit_minutes
        timed = bool(limit) or left <= COUNTDOWN_WITHOUT_LIMIT
    sources, references = lesson_references(lesson=attempt.lesson)
    return TakePage(
        attempt=attempt,
        items=items,
        sources=sources,
        references=references,
        remaining_seconds=remaining,
        timed=timed,
        answered=sum(item.response is not None for item in items),
        has_errors=any(item.error for item in items),
    )


@dataclass
class ResultPage:
    attempt: Attempt
    review: policy.Review
    rows: list[tuple[Item, FeedbackView | None]]
    sources: list = field(default_factory=list)
    references: list = field(default_factory=list)


def attempt_result_page(*, attempt: Attempt, now: datetime | None = None) -> ResultPage:
    """A submitted attempt: the score, feedback and key as far as the settings release them."""
    review = selectors.attempt_review(attempt=attempt, now=now)
    items = selectors.attempt_items(attempt=attempt, with_scores=review.feedback)
    page = ResultPage(
        attempt=attempt,
        review=review,
        rows=[(item, _review_feedback(item, review)) for item in items],
    )
    if review.feedback:
        page.sources, page.references = lesson_references(lesson=attempt.lesson)
    return page


def _review_feedback(item: Item, review: policy.Review) -> FeedbackView | None:
    """Every part of a submitted answer, named; the expected answers only if the key may be
    shown. None when feedback is not released (or the item was not scored)."""
    if not review.feedback or item.score is None:
        return None
    return feedback_view(
        state=item.score.state,
        parts=item.score.parts,
        lines=item.score.feedback,
        qtype=item.qtype,
        public_spec=item.spec,
        response=item.response,
        question_feedback=item.question.feedback,
        formative=False,
        show_expected=review.key,
        points_earned=item.score.points_earned,
        points_possible=item.score.points_possible,
    )
