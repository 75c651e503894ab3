"""multiple_choice: pick all that apply; partial credit by "right minus wrong"."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from .base import FormData, GradeResult, PartResult, QuestionType, ResponseError, right_minus_wrong
from .keyfree import Feedback, stored
from .parts import PartLabel, labelled
from .schema import Choices, Issue, Response, ResponseIds, Spec, duplicate_ids


class MultipleChoiceSpec(Spec):
    choices: Choices

    def issues(self) -> Iterator[Issue]:
        yield from duplicate_ids((c.id for c in self.choices), ("choices",))
        if not any(c.correct for c in self.choices):
            yield ("choices",), "at least one choice must be correct"


class MultipleChoiceResponse(Response):
    choices: ResponseIds = []


class MultipleChoice(QuestionType[MultipleChoiceSpec, MultipleChoiceResponse]):
    key = "multiple_choice"
    seconds_per_item = 45
    prose_fields = ("choices.*.feedback",)
    label = _("Multiple choice")
    spec_model = MultipleChoiceSpec
    response_model = MultipleChoiceResponse
    shuffled_keys = ("choices",)

    def public_spec(self, spec: MultipleChoiceSpec) -> dict[str, Any]:
        return {"choices": [{"id": c.id, "text": c.text} for c in spec.choices]}

    def _part_labels(self, public_spec: Mapping[str, Any]) -> Iterable[PartLabel]:
        return labelled(public_spec.get("choices"))

    def key_position(self, spec: MultipleChoiceSpec) -> int | None:
        """The first correct choice: the one "tick the top ones" finds."""
        return next(n for n, c in enumerate(spec.choices) if c.correct)

    def _validate_response(
        self, spec: MultipleChoiceSpec, response: MultipleChoiceResponse
    ) -> None:
        known = {c.id for c in spec.choices}
        for choice in response.choices:
            if choice not in known:
                raise ResponseError(_("Unknown choice %(choice)r.") % {"choice": choice})
        if len(set(response.choices)) != len(response.choices):
            raise ResponseError(_("A choice is listed twice."))

    def _canonical(
        self, spec: MultipleChoiceSpec, response: MultipleChoiceResponse
    ) -> MultipleChoiceResponse:
        chosen = set(response.choices)
        return MultipleChoiceResponse(choices=[c.id for c in spec.choices if c.id in chosen])

    def empty_response(self, spec: MultipleChoiceSpec) -> MultipleChoiceResponse:
        return MultipleChoiceResponse(choices=[])

    def correct_response(self, spec: MultipleChoiceSpec) -> MultipleChoiceResponse:
        return MultipleChoiceResponse(choices=[c.id for c in spec.choices if c.correct])

    def _is_complete(self, spec: MultipleChoiceSpec, response: MultipleChoiceResponse) -> bool:
        return bool(response.choices)

    def feedback_without_key(
        self, feedback: Feedback, *, response: Mapping[str, Any] | None, public_spec: Mapping
    ) -> Feedback:
        """Only the choices the student ticked: a correct choice left unticked is the key."""
        return feedback.own(set(stored(response, "choices", list)))

    def _grade(self, spec: MultipleChoiceSpec, response: MultipleChoiceResponse) -> GradeResult:
        chosen = set(response.choices)
        right = sum(c.correct for c in spec.choices if c.id in chosen)
        wrong = len(chosen) - right
        total = sum(c.correct for c in spec.choices)
        # One part per choice: was the decision to pick it (or not) the right one?
        parts = [
            PartResult(
                c.id,
                (c.id in chosen) == c.correct,
                feedback=c.feedback if c.id in chosen else "",
                expected=c.text if c.correct else None,
            )
            for c in spec.choices
        ]
        return GradeResult.of(right_minus_wrong(right, wrong, total), parts=parts)

    def parse_form(self, spec: MultipleChoiceSpec, data: FormData, prefix: str) -> dict[str, Any]:
        return {"choices": data.getlist(f"{prefix}-choices")}
