"""A quiz attempt as the student takes it (the result page: `learning.selectors.result`)."""

from dataclasses import dataclass, fields
from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from learning.selectors.step import reading_level_for
from lessons.models import ReadingLevel
from lessons.selectors import lesson_references
from quizzes import policy, selectors
from quizzes.controls import controls_render
from quizzes.models import Attempt
from quizzes.selectors import Item

# A deadline this close is shown as a countdown even without a time limit (the assignment closes).
COUNTDOWN_WITHOUT_LIMIT = timedelta(hours=2)


@dataclass
class TakeItem(Item):
    """An item of the quiz page with its words and address made in Python: per item, a
    template tag costs more than the string it makes."""

    heading: str = ""
    points_label: str = ""
    save_url: str = ""


@dataclass
class TakePage:
    attempt: Attempt
    items: list[TakeItem]
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
    level = _reading_level(attempt)
    if items is None:
        items = selectors.attempt_items(attempt=attempt, level=level)
    else:
        items = [selectors.item_at_level(i, attempt=attempt, level=level) for i in items]
    remaining, timed = None, False
    if attempt.deadline is not None:
        left = attempt.deadline - now
        remaining = max(0, int(left.total_seconds()))
        limit = policy.attempt_settings(attempt).time_limit_minutes
        timed = bool(limit) or left <= COUNTDOWN_WITHOUT_LIMIT
    sources, references = lesson_references(lesson=attempt.lesson)
    items = _take_items(attempt, items, level)
    controls_render(items, disabled=False)
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


def _take_items(attempt: Attempt, items: list[Item], level: str) -> list[TakeItem]:
    # One reverse() for the page: the autosave URLs differ only in their last segment.
    save_base = reverse("learning:response_save", args=[attempt.pk, 0]).removesuffix("0/")
    made = []
    for item in items:
        values = {f.name: getattr(item, f.name) for f in fields(Item)}
        points = item.question.points
        made.append(
            TakeItem(
                **{**values, "level": level},
                heading=gettext("Question %(n)s") % {"n": item.number},
                points_label=ngettext("%(points)s point", "%(points)s points", points)
                % {"points": points},
                save_url=f"{save_base}{item.question.pk}/",
            )
        )
    return made


def _reading_level(attempt: Attempt) -> str:
    """The student's reading level for the lesson: the quiz's instructions read at the level
    of the lesson's other texts. `attempt_get_for_student` reads their choice with the attempt
    (`work_level`); otherwise one query."""
    if attempt.assignment is None:
        return ReadingLevel.STANDARD
    if hasattr(attempt, "work_level"):
        chosen = attempt.work_level
    else:
        chosen = (
            Attempt.objects.filter(pk=attempt.pk)
            .annotate(level=selectors.work_level())
            .values_list("level", flat=True)
            .first()
        )
    return reading_level_for(
        attempt=Attempt(reading_level=chosen or ""), assignment=attempt.assignment
    )
