"""The contract every question type fulfils, its results and its errors.

A question type is one module holding a `QuestionType` subclass: a spec schema (what an author
writes), a response schema (what a student sends), and pure functions over them. Nothing here
touches the database, the request, the clock or settings. The registry of types by key is
in `registry.py`.
"""

from __future__ import annotations

import random
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from django.db.models import TextChoices
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from pydantic import ValidationError

from .keyfree import Feedback
from .parts import PartLabel, PartLabels, Pick, flatten
from .schema import Issue, Loc, Response, Spec


class ResponseError(ValueError):
    """A response that cannot be graded: wrong shape, unknown ids, too long, not a number.

    `message` is plain text fit to show to the student who sent it.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class SpecError(ValueError):
    """`prepare()` was asked to resolve a spec whose references `check()` rejects."""

    def __init__(self, issues: Sequence[Issue]) -> None:
        self.issues = tuple(issues)
        super().__init__("; ".join(f"{_dotted(loc)}: {msg}" for loc, msg in self.issues))


class GradeState(TextChoices):
    """What a grading says of an answer; stored in `Score.state`. A plain enum (no database)."""

    CORRECT = "correct", _("Correct")
    PARTIAL = "partial", _("Partly correct")
    INCORRECT = "incorrect", _("Incorrect")
    UNGRADED = "ungraded", _("Ungraded")  # free text, until the teacher scores it

    @classmethod
    def of(cls, fraction: Fraction) -> GradeState:
        """The state a fraction of the points means: all, none, or some of them."""
        if fraction == 1:
            return cls.CORRECT
        if fraction == 0:
            return cls.INCORRECT
        return cls.PARTIAL


@dataclass(frozen=True, slots=True)
class PartResult:
    """The verdict on one part of a response (a choice, an item, a cell, a key phrase).

    `correct` is None only when nobody has judged the part (free text).
    `expected` is the right answer for that part as text, for showing the key.
    """

    id: str
    correct: bool | None
    feedback: str = ""
    expected: str | None = None


@dataclass(frozen=True, slots=True)
class GradeResult:
    """A fraction of the points in [0, 1], a state consistent with it, and feedback.

    Build it with `GradeResult.of(fraction, ...)` (state derived) or `GradeResult.ungraded()`.
    """

    fraction: Fraction
    state: GradeState
    parts: tuple[PartResult, ...] = ()
    feedback: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.fraction, Fraction):
            raise TypeError("GradeResult.fraction must be a Fraction")
        if not 0 <= self.fraction <= 1:
            raise ValueError(f"fraction {self.fraction} is outside [0, 1]")
        if self.state == GradeState.UNGRADED:
            consistent = self.fraction == 0
        else:
            consistent = self.state == GradeState.of(self.fraction)
        if not consistent:
            raise ValueError(f"state {self.state} contradicts fraction {self.fraction}")

    @classmethod
    def of(
        cls,
        fraction: Fraction,
        parts: Sequence[PartResult] = (),
        feedback: Sequence[str] = (),
    ) -> GradeResult:
        """Clamp to [0, 1] (scores are never negative) and derive the state."""
        fraction = min(Fraction(1), max(Fraction(0), fraction))
        return cls(
            fraction=fraction,
            state=GradeState.of(fraction),
            parts=tuple(parts),
            feedback=tuple(line for line in feedback if line),
        )

    @classmethod
    def ungraded(cls, feedback: Sequence[str] = ()) -> GradeResult:
        return cls(fraction=Fraction(0), state=GradeState.UNGRADED, feedback=tuple(feedback))

    def score(self, points: int | Fraction) -> Fraction:
        """Points earned out of `points`."""
        return self.fraction * points

    def as_dict(self) -> dict[str, Any]:
        """JSON-safe form; the fraction is exact as "numerator/denominator"."""
        return {
            "fraction": str(self.fraction),
            "state": str(self.state),
            "parts": [
                {"id": p.id, "correct": p.correct, "feedback": p.feedback, "expected": p.expected}
                for p in self.parts
            ],
            "feedback": list(self.feedback),
        }


def equal_shares(hits: Sequence[bool]) -> Fraction:
    """Policy "equal shares": each part right earns 1/n; no parts scores 0."""
    return Fraction(sum(hits), len(hits)) if hits else Fraction(0)


def right_minus_wrong(right: int, wrong: int, total: int) -> Fraction:
    """Policy "right minus wrong": max(0, (right - wrong) / total).

    Every wrong pick cancels a right one, so picking everything scores 0 as soon as the
    wrong options are at least as many as the right ones.
    """
    return max(Fraction(0), Fraction(right - wrong, total))


@dataclass(frozen=True, slots=True)
class Context:
    """What a spec may refer to in its content package.

    `sentences`: the main document's sentences, id -> text, in document order.
    `source_ids`: ids of comparison sources and references.
    """

    sentences: Mapping[str, str] = field(default_factory=dict)
    source_ids: frozenset[str] = frozenset()


class FormData(Protocol):
    """The part of Django's QueryDict that `parse_form` reads."""

    def get(self, key: str, default: Any = None) -> Any: ...

    def getlist(self, key: str) -> list[Any]: ...


S = TypeVar("S", bound=Spec)
R = TypeVar("R", bound=Response)


class QuestionType(ABC, Generic[S, R]):
    """One question type. Subclasses set the class attributes and implement the hooks.

    The public methods validate their input and then call the `_`-prefixed hooks, so a hook
    always receives a response whose ids exist in the spec.
    """

    key: ClassVar[str]
    label: ClassVar[str | Promise]  # gettext_lazy
    auto_graded: ClassVar[bool] = True
    # Lists of the public spec whose order means nothing, shuffled when a quiz says so.
    shuffled_keys: ClassVar[tuple[str, ...]] = ()
    # Time a student needs for one item of this type, besides reading the prompt: the basis of
    # a lesson's minutes per step (docs/lesson-format.md, "Minutes").
    seconds_per_item: ClassVar[int] = 30
    # The editor of a spec is derived from `spec_model` (quizzes.editors); these name a special
    # widget for a field where a generic one would not help, by dotted field path without list
    # indices ("items.category": "choice_of:categories"), and relabel fields. See
    # docs/question-types.md, "Editors".
    editor_widgets: ClassVar[Mapping[str, str]] = {}
    editor_labels: ClassVar[Mapping[str, str | Promise]] = {}
    spec_model: type[S]
    response_model: type[R]

    @property
    def template(self) -> str:
        return f"quizzes/types/{self.key}.html"

    def seconds(self, spec: S) -> int:
        """Seconds a student needs to answer, besides reading the prompt."""
        return self.seconds_per_item * self._timed_items(spec)

    def _timed_items(self, spec: S) -> int:
        """How many items a student decides on (one answer, or one per item, row or cell)."""
        return 1

    def __repr__(self) -> str:
        return f"<QuestionType {self.key}>"

    # --- specs -----------------------------------------------------------------------------

    def parse_spec(self, data: Mapping[str, Any] | S) -> S:
        """Validate an author's spec; raises pydantic.ValidationError listing every problem."""
        if isinstance(data, self.spec_model):
            return data
        return self.spec_model.model_validate(data)

    def dump_spec(self, spec: S) -> dict[str, Any]:
        """JSON-safe dict that `parse_spec` turns back into an equal spec."""
        return spec.model_dump(mode="json")

    def check(self, spec: S, ctx: Context) -> list[Issue]:
        """Problems with the spec's references into the package, as (path, message)."""
        return []

    def prepare(self, spec: S, ctx: Context) -> S:
        """Copy what the spec needs from the document into it, so grading never needs the
        document. Raises SpecError if `check()` finds problems. Idempotent."""
        if issues := self.check(spec, ctx):
            raise SpecError(issues)
        return self._prepare(spec, ctx)

    def _prepare(self, spec: S, ctx: Context) -> S:
        return spec

    @abstractmethod
    def public_spec(self, spec: S) -> dict[str, Any]:
        """What the browser may see before review: no key, no correctness, no feedback."""

    # --- responses -------------------------------------------------------------------------

    def parse_response(self, obj: Any, spec: S | None = None) -> R:
        """Validate a raw response; with `spec`, also check its ids against the spec and
        return it in canonical form.

        Raises ResponseError for anything malformed, never another exception.
        """
        if isinstance(obj, self.response_model):
            response = obj
        else:
            try:
                response = self.response_model.model_validate(obj)
            except ValidationError as exc:
                raise ResponseError(plain_message(exc)) from None
        if spec is not None:
            self._validate_response(spec, response)
            response = self._canonical(spec, response)
        return response

    def _validate_response(self, spec: S, response: R) -> None:
        """Raise ResponseError when the response does not fit the spec (unknown ids...)."""

    def _canonical(self, spec: S, response: R) -> R:
        """The one stored form of equivalent responses (picks in the spec's order)."""
        return response

    def dump_response(self, response: R) -> dict[str, Any]:
        return response.model_dump(mode="json")

    @abstractmethod
    def empty_response(self, spec: S) -> R:
        """The response meaning "nothing answered"."""

    @abstractmethod
    def correct_response(self, spec: S) -> R:
        """A response that scores full marks."""

    def is_complete(self, spec: S, response: R | Mapping[str, Any]) -> bool:
        """Whether every part is answered."""
        return self._is_complete(spec, self.parse_response(response, spec))

    @abstractmethod
    def _is_complete(self, spec: S, response: R) -> bool: ...

    def grade(self, spec: S, response: R | Mapping[str, Any]) -> GradeResult:
        """Pure: the same spec and response always give the same result."""
        return self._grade(spec, self.parse_response(response, spec))

    @abstractmethod
    def _grade(self, spec: S, response: R) -> GradeResult: ...

    @abstractmethod
    def parse_form(self, spec: S, data: FormData, prefix: str) -> dict[str, Any]:
        """The raw response posted by this type's template (field names `{prefix}-...`).

        Never raises: what cannot be read is passed on for `parse_response` to refuse."""

    @abstractmethod
    def feedback_without_key(
        self, feedback: Feedback, *, response: Mapping[str, Any] | None, public_spec: Mapping
    ) -> Feedback:
        """The feedback on a graded answer that a student may read while the key is withheld:
        nothing of the key they did not choose themselves (no option, item, sentence, category,
        position or phrase they did not pick, no expected answer, no explanation that could
        state the key). Every type must say which of its parts those are: most keep the parts
        of the student's own picks with `Feedback.own`. `response` is the stored response (it
        may be None or from an older version of the type); `public_spec` is what the page
        shows. The result page renders only this until the key is released."""

    # --- what pages and reports read of a public spec or a stored response ---------------

    @property
    def shuffles(self) -> bool:
        """Whether `shuffle` moves anything: the type has lists whose order means nothing, so
        an author's `fixed_order` (keep the written order) means something for it."""
        return bool(self.shuffled_keys)

    def shuffle(self, public_spec: dict[str, Any], rng: random.Random) -> dict[str, Any]:
        """Shuffle, in place, the lists named by `shuffled_keys` (choices, a match's options).
        `rng` is seeded by the attempt when the quiz shuffles, else by the question version
        (`quizzes.selectors.public_spec_for`), so a reload shows the same order."""
        for key in self.shuffled_keys:
            if isinstance(public_spec.get(key), list):
                rng.shuffle(public_spec[key])
        return public_spec

    def key_position(self, spec: S) -> int | None:
        """Where the key stands in the author's order of the list it is picked from, counted
        from 0, for types where always picking one position could score (a choice's place);
        None where a position says nothing. The package validator reads it to report keys
        that cluster in one position of the questions shown in the author's order."""
        return None

    def part_labels(self, public_spec: Mapping[str, Any]) -> PartLabels:
        """Id -> label of everything an answer is about (choices, items, rows, columns,
        prompts, options, words); the first label of an id wins. Values an answer gives
        that are not parts of the question (categories) are in `value_labels`."""
        labels = PartLabels()
        for label in self._part_labels(public_spec):
            labels.setdefault(label.id, label)
        return labels

    def _part_labels(self, public_spec: Mapping[str, Any]) -> Iterable[PartLabel]:
        return ()

    def value_labels(self, public_spec: Mapping[str, Any]) -> dict[str, str]:
        """Id -> label of the values an answer gives that are not parts (categories)."""
        return {}

    def expected_text(self, public_spec: Mapping[str, Any], expected: str) -> str:
        """A part's expected answer (`PartResult.expected`, as stored) in the words the
        student's page uses; most types store those words already."""
        return expected

    def is_blank(self, data: Mapping[str, Any] | None) -> bool:
        """Whether a stored response gives no answer at all: none was saved, or only empty
        values (no choice, no item placed, no text), so a page can tell it from a wrong one."""
        return not data or not any(answer.strip() for _part, answer in flatten(dict(data)))

    def picks(self, data: Mapping[str, Any] | None) -> list[Pick]:
        """What a stored response picks, as (part, answer) pairs, for item analysis."""
        return self._picks(data) if data else []

    def _picks(self, data: Mapping[str, Any]) -> list[Pick]:
        """Every answer given (`parts.flatten`): a dict's keys name the part, a list's
        elements are several picks of one part (choices ticked), a scalar is one pick."""
        return list(flatten(dict(data)))


def plain_message(exc: ValidationError) -> str:
    """One line per problem, `path: message`, without pydantic's URLs and input echoes."""
    lines = [
        f"{_dotted(err['loc'])}: {_msg(err['msg'])}" if err["loc"] else _msg(err["msg"])
        for err in exc.errors(include_url=False, include_input=False)[:5]
    ]
    return "; ".join(lines)


def _msg(msg: str) -> str:
    return msg.removeprefix("Value error, ")


def _dotted(loc: Loc) -> str:
    return ".".join(str(part) for part in loc)
