"""single_choice: pick exactly one of several choices; exactly one is correct."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext_lazy as _

from .base import FormData, GradeResult, PartResult, QuestionType, ResponseError
from .keyfree import Feedback, stored
from .parts import PartLabel, labelled
from .schema import Choice, Choices, Issue, Response, ResponseId, Spec, duplicate_ids


class SingleChoiceSpec(Spec):
    choices: Choices

    def issues(self) -> Iterator[Issue]:
        yield from duplicate_ids((c.id for c in self.choices), ("choices",))
        correct = sum(c.correct for c in self.choices)
        if correct != 1:
            yield ("choices",), f"exactly one choice must be correct (found {correct})"

    @property
    def answer(self) -> Choice:
        return next(c for c in self.choices if c.correct)


class SingleChoiceResponse(Response):
    choice: ResponseId | None = None


class SingleChoice(QuestionType[SingleChoiceSpec, SingleChoiceResponse]):
    key = "single_choice"
    seconds_per_item = 30
    prose_fields = ("choices.*.feedback",)
    label = _("Single choice")
    spec_model = SingleChoiceSpec
    response_model = SingleChoiceResponse
    shuffled_keys = ("choices",)

    def public_spec(self, spec: SingleChoiceSpec) -> dict[str, Any]:
        return {"choices": [{"id": c.id, "text": c.text} for c in spec.choices]}

    def _part_labels(self, public_spec: Mapping[str, Any]) -> Iterable[PartLabel]:
        return labelled(public_spec.get("choices"))

    def key_position(self, spec: SingleChoiceSpec) -> int | None:
        return next(n for n, c in enumerate(spec.choices) if c.correct)

    def _validate_response(self, spec: SingleChoiceSpec, response: SingleChoiceResponse) -> None:
        if response.choice is not None and response.choice not in {c.id for c in spec.choices}:
            raise ResponseError(_("Unknown choice %(choice)r.") % {"choice": response.choice})

    def empty_response(self, spec: SingleChoiceSpec) -> SingleChoiceResponse:
        return SingleChoiceResponse(choice=None)

    def correct_response(self, spec: SingleChoiceSpec) -> SingleChoiceResponse:
        return SingleChoiceResponse(choice=spec.answer.id)

    def _is_complete(self, spec: SingleChoiceSpec, response: SingleChoiceResponse) -> bool:
        return response.choice is not None

    def feedback_without_key(
        self, feedback: Feedback, *, response: Mapping[str, Any] | None, public_spec: Mapping
    ) -> Feedback:
        """Its one part is the student's choice; the chosen option's explanation is a line,
        kept only when the choice is right."""
        return feedback.own({"choice"} if stored(response, "choice", str) else set())

    def _grade(self, spec: SingleChoiceSpec, response: SingleChoiceResponse) -> GradeResult:
        chosen = next((c for c in spec.choices if c.id == response.choice), None)
        right = chosen is not None and chosen.correct
        return GradeResult.of(
            Fraction(int(right)),
            parts=[PartResult("choice", right, expected=spec.answer.text)],
            feedback=[chosen.feedback] if chosen else [],
        )

    def parse_form(self, spec: SingleChoiceSpec, data: FormData, prefix: str) -> dict[str, Any]:
        return {"choice": data.get(f"{prefix}-choice") or None}
