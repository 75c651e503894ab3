"""short_text: type a word or phrase; compared with the accepted answers after normalising."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from fractions import Fraction
from typing import Annotated, Any

from django.utils.translation import gettext_lazy as _
from pydantic import Field, StringConstraints

from .base import FormData, GradeResult, Issue, PartResult, QuestionType
from .keyfree import Feedback, stored
from .schema import Response, Spec, Text

MAX_LENGTH = 500

# Typographic quotes typed by phones and word processors count as straight ones.
QUOTES = str.maketrans(
    {
        "\u2018": "'",  # left single quotation mark
        "\u2019": "'",  # right single quotation mark, also the typographic apostrophe
        "\u201a": "'",  # single low-9 quotation mark
        "\u201b": "'",  # single high-reversed-9 quotation mark
        "\u2032": "'",  # prime
        "\u201c": '"',  # left double quotation mark
        "\u201d": '"',  # right double quotation mark
        "\u201e": '"',  # double low-9 quotation mark
        "\u201f": '"',  # double high-reversed-9 quotation mark
        "\u2033": '"',  # double prime
        "\u00ab": '"',  # left guillemet
        "\u00bb": '"',  # right guillemet
    }
)


def normalise(text: str, *, case_sensitive: bool = False) -> str:
    """Quotes made straight (before NFKC, which would split a double prime into two primes),
    Unicode NFKC, whitespace runs collapsed to one space, punctuation and spaces stripped from
    both ends, then casefolded unless `case_sensitive`."""
    text = unicodedata.normalize("NFKC", text.translate(QUOTES))
    text = " ".join(text.split())
    start, end = 0, len(text)
    while start < end and _is_edge(text[start]):
        start += 1
    while end > start and _is_edge(text[end - 1]):
        end -= 1
    text = text[start:end]
    return text if case_sensitive else text.casefold()


def _is_edge(char: str) -> bool:
    return char.isspace() or unicodedata.category(char).startswith("P")


class ShortTextSpec(Spec):
    accepted: list[Annotated[Text, StringConstraints(max_length=MAX_LENGTH)]] = Field(
        min_length=1, max_length=50
    )
    case_sensitive: bool = False

    def issues(self) -> Iterator[Issue]:
        for index, answer in enumerate(self.accepted):
            if not normalise(answer):
                yield ("accepted", index), "is empty once punctuation is stripped"


class ShortTextResponse(Response):
    text: Annotated[str, StringConstraints(max_length=MAX_LENGTH)] = ""


class ShortText(QuestionType[ShortTextSpec, ShortTextResponse]):
    key = "short_text"
    seconds_per_item = 45
    label = _("Short answer")
    spec_model = ShortTextSpec
    response_model = ShortTextResponse

    def public_spec(self, spec: ShortTextSpec) -> dict[str, Any]:
        return {"max_length": MAX_LENGTH}

    def empty_response(self, spec: ShortTextSpec) -> ShortTextResponse:
        return ShortTextResponse(text="")

    def correct_response(self, spec: ShortTextSpec) -> ShortTextResponse:
        return ShortTextResponse(text=spec.accepted[0])

    def _is_complete(self, spec: ShortTextSpec, response: ShortTextResponse) -> bool:
        return bool(response.text.strip())

    def feedback_without_key(
        self, feedback: Feedback, *, response: Mapping[str, Any] | None, public_spec: Mapping
    ) -> Feedback:
        """Right or not for the student's text; the accepted answers are the key."""
        return feedback.own({"text"} if stored(response, "text", str).strip() else set())

    def _grade(self, spec: ShortTextSpec, response: ShortTextResponse) -> GradeResult:
        given = normalise(response.text, case_sensitive=spec.case_sensitive)
        right = bool(given) and any(
            given == normalise(answer, case_sensitive=spec.case_sensitive)
            for answer in spec.accepted
        )
        return GradeResult.of(
            Fraction(int(right)), parts=[PartResult("text", right, expected=spec.accepted[0])]
        )

    def parse_form(self, spec: ShortTextSpec, data: FormData, prefix: str) -> dict[str, Any]:
        return {"text": data.get(f"{prefix}-text") or ""}
