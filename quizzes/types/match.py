"""match: pair each prompt with an option; options may outnumber prompts and be reused."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, ClassVar

from django.utils.translation import gettext_lazy as _
from pydantic import Field

from .base import (
    FormData,
    GradeResult,
    Issue,
    PartResult,
    QuestionType,
    ResponseError,
    equal_shares,
)
from .keyfree import Feedback, stored
from .parts import PartLabel, labelled
from .schema import Id, Labeled, Response, ResponseMap, Spec, duplicate_ids, unknown


class MatchSpec(Spec):
    prompts: list[Labeled] = Field(min_length=1, max_length=50)
    options: list[Labeled] = Field(min_length=2, max_length=50)
    key: dict[Id, Id]  # prompt id -> option id

    def issues(self) -> Iterator[Issue]:
        yield from duplicate_ids((p.id for p in self.prompts), ("prompts",))
        yield from duplicate_ids((o.id for o in self.options), ("options",))
        prompts = {p.id for p in self.prompts}
        options = {o.id for o in self.options}
        for prompt, option in self.key.items():
            if prompt not in prompts:
                yield ("key", prompt), unknown("prompt", prompt, [p.id for p in self.prompts])
            elif option not in options:
                yield ("key", prompt), unknown("option", option, [o.id for o in self.options])
        for prompt in self.prompts:
            if prompt.id not in self.key:
                yield ("key",), f"no option for prompt {prompt.id!r}"

    def text_of(self, option_id: str) -> str:
        return next(o.text for o in self.options if o.id == option_id)


class MatchResponse(Response):
    pairs: ResponseMap = {}


class Match(QuestionType[MatchSpec, MatchResponse]):
    key = "match"
    editor_widgets: ClassVar[Mapping[str, str]] = {"key": "pairs:prompts:options"}
    seconds_per_item = 15
    label = _("Match")
    spec_model = MatchSpec
    response_model = MatchResponse
    shuffled_keys = ("options",)

    def public_spec(self, spec: MatchSpec) -> dict[str, Any]:
        # Options in alphabetical order: authors tend to list them in the key's order.
        options = sorted(spec.options, key=lambda o: (o.text.casefold(), o.id))
        return {
            "prompts": [{"id": p.id, "text": p.text} for p in spec.prompts],
            "options": [{"id": o.id, "text": o.text} for o in options],
        }

    def _part_labels(self, public_spec: Mapping[str, Any]) -> Iterable[PartLabel]:
        yield from labelled(public_spec.get("prompts"))
        yield from labelled(public_spec.get("options"))

    def _validate_response(self, spec: MatchSpec, response: MatchResponse) -> None:
        prompts = {p.id for p in spec.prompts}
        options = {o.id for o in spec.options}
        for prompt, option in response.pairs.items():
            if prompt not in prompts:
                raise ResponseError(_("Unknown prompt %(prompt)r.") % {"prompt": prompt})
            if option not in options:
                raise ResponseError(_("Unknown option %(option)r.") % {"option": option})

    def empty_response(self, spec: MatchSpec) -> MatchResponse:
        return MatchResponse(pairs={})

    def correct_response(self, spec: MatchSpec) -> MatchResponse:
        return MatchResponse(pairs={p.id: spec.key[p.id] for p in spec.prompts})

    def _is_complete(self, spec: MatchSpec, response: MatchResponse) -> bool:
        return all(p.id in response.pairs for p in spec.prompts)

    def feedback_without_key(
        self, feedback: Feedback, *, response: Mapping[str, Any] | None, public_spec: Mapping
    ) -> Feedback:
        """Only the prompts the student matched; the option each takes is the key."""
        return feedback.own(set(stored(response, "pairs", dict)))

    def _grade(self, spec: MatchSpec, response: MatchResponse) -> GradeResult:
        parts = [
            PartResult(
                p.id,
                response.pairs.get(p.id) == spec.key[p.id],
                expected=spec.text_of(spec.key[p.id]),
            )
            for p in spec.prompts
        ]
        return GradeResult.of(equal_shares([bool(p.correct) for p in parts]), parts=parts)

    def parse_form(self, spec: MatchSpec, data: FormData, prefix: str) -> dict[str, Any]:
        pairs = {p.id: data.get(f"{prefix}-{p.id}") for p in spec.prompts}
        return {"pairs": {prompt: option for prompt, option in pairs.items() if option}}

    def _timed_items(self, spec) -> int:
        return len(spec.prompts)
