"""two_part: an evidence-based item, "choose, then show the evidence", scored together.

Part A is a single_choice claim; part B asks for the evidence, as a select in the document or
as a multiple_choice. Evidence for a wrong claim earns nothing.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any, ClassVar, Literal

from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator

from .base import (
    Context,
    FormData,
    GradeResult,
    GradeState,
    Issue,
    PartResult,
    QuestionType,
    ResponseError,
)
from .keyfree import Feedback, stored
from .multiple_choice import MultipleChoice, MultipleChoiceResponse, MultipleChoiceSpec
from .parts import PartLabel
from .schema import Response, Spec, Text
from .select import Select, SelectResponse, SelectSpec
from .single_choice import SingleChoice, SingleChoiceResponse, SingleChoiceSpec

PART_A = SingleChoice()
PART_B: Mapping[str, QuestionType[Any, Any]] = {
    "select": Select(),
    "multiple_choice": MultipleChoice(),
}


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    prompt: Text  # plain text, shown above the part's controls


class PartA(_Part):
    spec: SingleChoiceSpec


class PartB(_Part):
    type: Literal["select", "multiple_choice"]
    spec: SelectSpec | MultipleChoiceSpec

    @field_validator("spec", mode="before")
    @classmethod
    def _spec_of_type(cls, value: Any, info: ValidationInfo) -> Any:
        # Validated here rather than by a discriminated union so that error paths read
        # `part_b.spec.choices`, as in the YAML, without the union's tag inserted.
        if "type" not in info.data:
            raise ValueError("needs a valid `type` to be checked")
        return PART_B[info.data["type"]].parse_spec(value)


class TwoPartSpec(Spec):
    part_a: PartA
    part_b: PartB


class TwoPartResponse(Response):
    a: SingleChoiceResponse = SingleChoiceResponse()
    b: SelectResponse | MultipleChoiceResponse | None = None  # None: part B unanswered

    @field_validator("b", mode="before")
    @classmethod
    def _empty_b(cls, value: Any) -> Any:
        # {} fits both B types; it can only mean "unanswered".
        return None if value == {} else value


class TwoPart(QuestionType[TwoPartSpec, TwoPartResponse]):
    key = "two_part"
    editor_widgets: ClassVar[Mapping[str, str]] = {
        "part_a.spec": "spec:single_choice",
        "part_b.spec": "spec:@type",
    }
    seconds_per_item = 90
    label = _("Two-part evidence question")
    spec_model = TwoPartSpec
    response_model = TwoPartResponse

    def check(self, spec: TwoPartSpec, ctx: Context) -> list[Issue]:
        return [
            (("part_a", "spec", *loc), message)
            for loc, message in PART_A.check(spec.part_a.spec, ctx)
        ] + [
            (("part_b", "spec", *loc), message)
            for loc, message in _b(spec).check(spec.part_b.spec, ctx)
        ]

    def _prepare(self, spec: TwoPartSpec, ctx: Context) -> TwoPartSpec:
        data = self.dump_spec(spec)
        data["part_a"]["spec"] = PART_A.dump_spec(PART_A.prepare(spec.part_a.spec, ctx))
        data["part_b"]["spec"] = _b(spec).dump_spec(_b(spec).prepare(spec.part_b.spec, ctx))
        return self.parse_spec(data)

    def public_spec(self, spec: TwoPartSpec) -> dict[str, Any]:
        return {
            "part_a": {
                "prompt": spec.part_a.prompt,
                "spec": PART_A.public_spec(spec.part_a.spec),
            },
            "part_b": {
                "prompt": spec.part_b.prompt,
                "type": spec.part_b.type,
                "spec": _b(spec).public_spec(spec.part_b.spec),
            },
        }

    @property
    def shuffles(self) -> bool:
        return True  # part A's choices, and part B's when it is a multiple_choice

    def shuffle(self, public_spec: dict[str, Any], rng: random.Random) -> dict[str, Any]:
        """Each part's lists, by the part's own type (a select's sentences never move)."""
        part_a, part_b = public_spec.get("part_a") or {}, public_spec.get("part_b") or {}
        if isinstance(part_a.get("spec"), dict):
            PART_A.shuffle(part_a["spec"], rng)
        if part_b.get("type") in PART_B and isinstance(part_b.get("spec"), dict):
            PART_B[part_b["type"]].shuffle(part_b["spec"], rng)
        return public_spec

    def key_position(self, spec: TwoPartSpec) -> int | None:
        """Part A's claim: evidence for a wrong claim earns nothing, so A's place gives most."""
        return PART_A.key_position(spec.part_a.spec)

    def _part_labels(self, public_spec: Mapping[str, Any]) -> Iterable[PartLabel]:
        """Part A's labels, then part B's, unprefixed: "b.s10" is found by its "s10"."""
        part_a, part_b = public_spec.get("part_a") or {}, public_spec.get("part_b") or {}
        yield from PART_A.part_labels(part_a.get("spec") or {}).values()
        if part_b.get("type") in PART_B:
            yield from PART_B[part_b["type"]].part_labels(part_b.get("spec") or {}).values()

    def _validate_response(self, spec: TwoPartSpec, response: TwoPartResponse) -> None:
        # The shapes of B's two types differ, so a B of the other type is malformed.
        if response.b is not None and not isinstance(response.b, _b(spec).response_model):
            raise ResponseError(f"b: expected a {spec.part_b.type} response.")

    def _canonical(self, spec: TwoPartSpec, response: TwoPartResponse) -> TwoPartResponse:
        """Each part validated and made canonical by its own type."""
        b = response.b
        return TwoPartResponse(
            a=PART_A.parse_response(response.a, spec.part_a.spec),
            b=None if b is None else _b(spec).parse_response(b, spec.part_b.spec),
        )

    def empty_response(self, spec: TwoPartSpec) -> TwoPartResponse:
        return TwoPartResponse(
            a=PART_A.empty_response(spec.part_a.spec), b=_b(spec).empty_response(spec.part_b.spec)
        )

    def correct_response(self, spec: TwoPartSpec) -> TwoPartResponse:
        return TwoPartResponse(
            a=PART_A.correct_response(spec.part_a.spec),
            b=_b(spec).correct_response(spec.part_b.spec),
        )

    def _is_complete(self, spec: TwoPartSpec, response: TwoPartResponse) -> bool:
        return PART_A.is_complete(spec.part_a.spec, response.a) and _b(spec).is_complete(
            spec.part_b.spec, _b_response(spec, response)
        )

    def feedback_without_key(
        self, feedback: Feedback, *, response: Mapping[str, Any] | None, public_spec: Mapping
    ) -> Feedback:
        """Each part by its own type ("a.choice", "b.s10"); the lines (both parts' notes,
        merged) only when the whole answer is right."""
        part_b = public_spec.get("part_b") or {}
        parts: list[Mapping[str, Any]] = []
        for name, qt, spec in (
            ("a", PART_A, (public_spec.get("part_a") or {}).get("spec") or {}),
            ("b", PART_B.get(part_b.get("type")), part_b.get("spec") or {}),
        ):
            if qt is None:
                continue
            prefix = f"{name}."
            own = qt.feedback_without_key(
                Feedback(
                    state=feedback.state,
                    parts=tuple(
                        {**part, "id": str(part.get("id"))[len(prefix) :]}
                        for part in feedback.parts
                        if str(part.get("id")).startswith(prefix)
                    ),
                ),
                response=stored(response, name, dict),
                public_spec=spec,
            )
            parts += [{**part, "id": f"{prefix}{part['id']}"} for part in own.parts]
        return Feedback(
            state=feedback.state,
            parts=tuple(parts),
            lines=feedback.lines if feedback.state == GradeState.CORRECT else (),
        )

    def _grade(self, spec: TwoPartSpec, response: TwoPartResponse) -> GradeResult:
        a = PART_A.grade(spec.part_a.spec, response.a)
        b = _b(spec).grade(spec.part_b.spec, _b_response(spec, response))
        # A wrong claim scores 0 whatever the evidence; a right one earns half, and the
        # evidence the other half in proportion to B's own score.
        fraction = Fraction(0) if a.fraction < 1 else Fraction(1, 2) + b.fraction / 2
        parts = [_prefixed("a", p) for p in a.parts] + [_prefixed("b", p) for p in b.parts]
        return GradeResult.of(fraction, parts=parts, feedback=a.feedback + b.feedback)

    def parse_form(self, spec: TwoPartSpec, data: FormData, prefix: str) -> dict[str, Any]:
        return {
            "a": PART_A.parse_form(spec.part_a.spec, data, f"{prefix}-a"),
            "b": _b(spec).parse_form(spec.part_b.spec, data, f"{prefix}-b"),
        }


def _b(spec: TwoPartSpec) -> QuestionType[Any, Any]:
    return PART_B[spec.part_b.type]


def _b_response(spec: TwoPartSpec, response: TwoPartResponse) -> Any:
    return response.b if response.b is not None else _b(spec).empty_response(spec.part_b.spec)


def _prefixed(part: str, result: PartResult) -> PartResult:
    return PartResult(f"{part}.{result.id}", result.correct, result.feedback, result.expected)
