"""Item analysis and skill mastery: pure functions over plain numbers and JSON responses.

Definitions (docs/item-analysis.md explains them for teachers):

- **Facility index** of a question: the mean fraction of its points the students earned
  (0 = nobody, 1 = everybody got it fully right).
- **Discrimination index** (upper-lower groups, Kelley's 27 %): rank the students by their total
  score on the quiz; take the top 27 % and the bottom 27 % (at least one student each, ties
  broken by the order given); D = mean fraction on the question in the upper group - mean
  fraction in the lower group, in [-1, 1]. A good question is answered better by the students
  who do well overall (D ≥ 0.3 is good, below 0.2 worth a look, negative: check the key).
- **Picks**: how often each answer was given, per part of the question (a choice, a category
  for an item, a cell of a matrix, a position in an order), wrong answers first.
- **Mastery** of a skill: points earned ÷ points possible on the questions tagged with it.

Every figure is computed exactly (`Fraction`) and rounded only for display.
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from quizzes.types import Pick, registry

UPPER_LOWER_SHARE = Fraction(27, 100)
# Below this many students, facility and discrimination say more about chance than about the
# question: the page shows the figures with a warning.
MIN_STUDENTS_FOR_STATISTICS = 20


def mean(values: Sequence[Fraction]) -> Fraction | None:
    return sum(values, Fraction(0)) / len(values) if values else None


def facility(fractions: Sequence[Fraction]) -> Fraction | None:
    """Mean fraction of the points earned on one question; None without answers."""
    return mean(fractions)


def group_size(n: int) -> int:
    """How many students are in each of the upper and lower groups (27 %, rounded half up)."""
    if n < 2:
        return 0
    size = int(UPPER_LOWER_SHARE * n + Fraction(1, 2))
    return max(1, min(size, n // 2))


def discrimination(pairs: Sequence[tuple[Fraction, Fraction]]) -> Fraction | None:
    """Upper-lower discrimination index from (total score, fraction on this question) per
    student, in a stable order (the sort keeps the given order among equal totals). None for
    fewer than two students."""
    size = group_size(len(pairs))
    if not size:
        return None
    ranked = sorted(pairs, key=lambda pair: -pair[0])
    upper = [fraction for _total, fraction in ranked[:size]]
    lower = [fraction for _total, fraction in ranked[-size:]]
    return mean(upper) - mean(lower)  # type: ignore[operator]


def histogram(percents: Iterable[float | int], *, bins: int = 10) -> list[int]:
    """Counts of scores in equal bands of 0-100 %: [0, 10), [10, 20), … [90, 100]."""
    counts = [0] * bins
    width = 100 / bins
    for value in percents:
        index = min(bins - 1, max(0, int(value // width)))
        counts[index] += 1
    return counts


# --- picks -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PickCount:
    part: str
    answer: str
    count: int
    correct: bool
    share: Fraction  # of the students who answered the question


def tally(
    responses: Sequence[tuple[dict | None, bool]],
    *,
    question_type: str,
    correct: dict | None,
) -> list[PickCount]:
    """How often each (part, answer) was given. `responses`: (response data, whether it
    earned full marks). A pick is correct when the key gives it, or when it is part of a
    response that earned full marks (other accepted spellings, numbers within tolerance).
    Wrong picks come first, most frequent first; then correct picks, most frequent first.
    What a response picks is the question type's to say (`QuestionType.picks`): free text
    and a type no longer registered pick nothing, so they are not tallied."""
    qt = registry.get_or_missing(question_type)
    key = set(qt.picks(correct))
    counts: Counter[Pick] = Counter()
    right: set[Pick] = set(key)
    answered = 0
    for data, full_marks in responses:
        picks = set(qt.picks(data))
        if not picks:
            continue
        answered += 1
        counts.update(picks)
        if full_marks:
            right.update(picks)
    rows = [
        PickCount(part, answer, n, (part, answer) in right, Fraction(n, answered))
        for (part, answer), n in counts.items()
    ]
    rows.sort(key=lambda row: (row.correct, -row.count, row.part, row.answer))
    return rows


# --- mastery ---------------------------------------------------------------------------------


@dataclass
class Tally:
    """Points summed as given: stored points are decimals (three places), whose sums are exact
    in `Decimal` and many times cheaper than in `Fraction`; the ratio is made exact once."""

    earned: Decimal | Fraction | int = 0  # the type of what is added
    possible: Decimal | Fraction | int = 0

    def add(self, earned: Decimal | Fraction, possible: Decimal | Fraction) -> None:
        self.earned += earned
        self.possible += possible

    @property
    def fraction(self) -> Fraction | None:
        return share(self.earned, self.possible) if self.possible else None


@dataclass
class Mastery:
    """Points earned and possible per skill."""

    skills: dict[str, Tally] = field(default_factory=dict)

    def add(
        self, skills: Iterable[str], earned: Decimal | Fraction, possible: Decimal | Fraction
    ) -> None:
        """A question tagged with several skills counts fully for each of them."""
        for skill in skills:
            self.skills.setdefault(skill, Tally()).add(earned, possible)

    def fraction(self, skill: str) -> Fraction | None:
        tally = self.skills.get(skill)
        return tally.fraction if tally else None


@lru_cache(maxsize=4096)  # pure; a class's points repeat a few values, and Fraction is slow
def share(earned, possible) -> Fraction:
    """A student's share of a question's points, exactly (no points possible: none)."""
    return Fraction(earned or 0) / Fraction(possible) if possible else Fraction(0)


@dataclass
class QuestionTally:
    """One question version's scores, counted: exact sums of shares and of points."""

    answered: int = 0
    total: Fraction = Fraction(0)  # sum of each student's share of the points
    upper: Fraction = Fraction(0)  # the same, upper group only
    lower: Fraction = Fraction(0)
    earned: Decimal = Decimal(0)  # points: exact decimals (`Tally`)
    possible: Decimal = Decimal(0)

    def add(self, band: int, earned, possible, n: int) -> None:
        part = n * share(earned, possible)
        self.answered += n
        self.total += part
        if band == 1:
            self.upper += part
        elif band == -1:
            self.lower += part
        self.earned += n * (earned or 0)
        self.possible += n * (possible or 0)
