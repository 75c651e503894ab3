"""numeric: type a number; right when within the tolerance of the answer."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Annotated, Any

from django.utils.translation import gettext_lazy as _
from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    PlainSerializer,
    StringConstraints,
    field_validator,
)

from .base import FormData, GradeResult, PartResult, QuestionType
from .keyfree import Feedback, stored
from .schema import Note, Response, Spec, at_most

# Digits with an optional decimal point; "," only as a thousands separator between groups of
# three digits, so "6,300" is 6300 and "1,5" is not a number (never read as 1.5).
NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|[+-]?\.\d+")


def parse_number(text: str) -> Decimal:
    """The exact value of a number as typed; ValueError if it is not one."""
    cleaned = text.strip().replace("\u2212", "-")  # the minus sign some keyboards type
    if not NUMBER.fullmatch(cleaned):
        raise ValueError(f"{text.strip()[:40]!r} is not a number")
    return Decimal(cleaned.replace(",", ""))


def _author_number(value: Any) -> Any:
    """Authors may write 6300, 6300.5, "6,300" or "6300"; a YAML float is read by its
    shortest repr, so 0.1 means exactly 1/10."""
    if isinstance(value, bool):
        raise ValueError("expected a number")
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        return parse_number(value)
    return value


# What a student may type: the longest answer, so the longest number an author may write.
MAX_VALUE_LENGTH = 100


def plain(number: Decimal) -> str:
    """A number written out without exponent or trailing zeros: 6300, 0.25, -3."""
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _typable(number: Decimal) -> Decimal:
    """A number no longer, written out, than a student's answer may be: any other answer could
    never be typed, and a tolerance that wide or that fine means nothing (1e300, 1e-300)."""
    if len(plain(number)) > MAX_VALUE_LENGTH:
        raise ValueError(
            f"written out in full it is longer than {MAX_VALUE_LENGTH} characters, "
            "the longest answer a student can type"
        )
    return number


# Stored written out ("0.0000001", not Decimal's "1E-7", which is not a number as typed and
# could not be read back: every page showing the question would fail).
AuthorNumber = Annotated[
    Decimal,
    BeforeValidator(_author_number),
    Field(allow_inf_nan=False),
    AfterValidator(_typable),
    PlainSerializer(plain, return_type=str, when_used="json"),
]


class NumericSpec(Spec):
    answer: AuthorNumber
    tolerance: Annotated[AuthorNumber, Field(ge=0)] = Decimal(0)  # absolute
    # Of the answer. 100% accepts anything from 0 to twice the answer: wider means nothing.
    tolerance_percent: Annotated[
        AuthorNumber, Field(ge=0), at_most(100, "100% already accepts 0 to twice the answer")
    ] = Decimal(0)
    unit: Note = ""  # shown beside the field; not typed by the student

    def window(self) -> Fraction:
        """How far from the answer a value may be: the wider of the two tolerances."""
        relative = abs(Fraction(self.answer)) * Fraction(self.tolerance_percent) / 100
        return max(Fraction(self.tolerance), relative)


class NumericResponse(Response):
    value: Annotated[str, StringConstraints(max_length=MAX_VALUE_LENGTH)] = ""  # "": unanswered

    @field_validator("value")
    @classmethod
    def _is_number(cls, value: str) -> str:
        if value.strip():
            parse_number(value)
        return value


class Numeric(QuestionType[NumericSpec, NumericResponse]):
    key = "numeric"
    seconds_per_item = 45
    label = _("Number")
    spec_model = NumericSpec
    response_model = NumericResponse

    def public_spec(self, spec: NumericSpec) -> dict[str, Any]:
        return {"unit": spec.unit}

    def empty_response(self, spec: NumericSpec) -> NumericResponse:
        return NumericResponse(value="")

    def correct_response(self, spec: NumericSpec) -> NumericResponse:
        return NumericResponse(value=plain(spec.answer))

    def _is_complete(self, spec: NumericSpec, response: NumericResponse) -> bool:
        return bool(response.value.strip())

    def feedback_without_key(
        self, feedback: Feedback, *, response: Mapping[str, Any] | None, public_spec: Mapping
    ) -> Feedback:
        """Right or not for the student's number; the expected number is the key."""
        return feedback.own({"value"} if stored(response, "value", str).strip() else set())

    def _grade(self, spec: NumericSpec, response: NumericResponse) -> GradeResult:
        right = (
            bool(response.value.strip())
            and abs(Fraction(parse_number(response.value)) - Fraction(spec.answer)) <= spec.window()
        )
        expected = f"{plain(spec.answer)} {spec.unit}".strip()
        return GradeResult.of(
            Fraction(int(right)), parts=[PartResult("value", right, expected=expected)]
        )

    def parse_form(self, spec: NumericSpec, data: FormData, prefix: str) -> dict[str, Any]:
        return {"value": data.get(f"{prefix}-value") or ""}
