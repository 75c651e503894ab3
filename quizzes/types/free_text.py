"""free_text: a written answer, stored for the teacher to score; never scored automatically."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Annotated, Any

from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from .base import FormData, GradeResult, Issue, QuestionType
from .keyfree import Feedback
from .parts import Pick
from .schema import Note, Response, Spec, Text, at_most
from .text import word_count

MAX_LENGTH = 20_000
# A word is at least one character, and words are apart: what an answer of MAX_LENGTH holds.
MAX_WORDS = MAX_LENGTH // 2
# A scoring guide's levels are small whole numbers; the top level earns every point.
MAX_LEVEL = 100
MAX_STARTERS = 12
Words = Annotated[int, Field(ge=1), at_most(MAX_WORDS, "the most words an answer can hold")]


class RubricLevel(BaseModel):
    """One level of the teacher's scoring guide."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    level: Annotated[int, Field(ge=0), at_most(MAX_LEVEL, "a scoring guide's levels: 0 to 100")]
    label: Text
    descriptor: Note = ""


class FreeTextSpec(Spec):
    min_words: Words | None = None
    max_words: Words | None = None
    rubric: list[RubricLevel] = []
    sample_answer: Note = ""  # for the teacher, shown with the key
    # Help for students who find it hard to begin: openings to choose from, and a paragraph
    # with blanks (written ___) that shows the shape of a good answer. Shown above the field.
    sentence_starters: Annotated[list[Text], Field(max_length=MAX_STARTERS)] = []
    paragraph_frame: Note = ""

    def issues(self) -> Iterator[Issue]:
        if self.min_words and self.max_words and self.min_words > self.max_words:
            yield ("min_words",), "min_words is above max_words"
        seen: set[int] = set()
        for index, level in enumerate(self.rubric):
            if level.level in seen:
                yield ("rubric", index, "level"), f"duplicate level {level.level}"
            seen.add(level.level)


class FreeTextResponse(Response):
    text: Annotated[str, StringConstraints(max_length=MAX_LENGTH)] = ""


class FreeText(QuestionType[FreeTextSpec, FreeTextResponse]):
    key = "free_text"
    seconds_per_item = 600
    prose_fields = ("sentence_starters.*", "paragraph_frame")  # what students read
    label = _("Written answer")
    auto_graded = False
    spec_model = FreeTextSpec
    response_model = FreeTextResponse

    def public_spec(self, spec: FreeTextSpec) -> dict[str, Any]:
        return {
            "min_words": spec.min_words,
            "max_words": spec.max_words,
            "max_length": MAX_LENGTH,
            "sentence_starters": list(spec.sentence_starters),
            "paragraph_frame": spec.paragraph_frame,
        }

    def empty_response(self, spec: FreeTextSpec) -> FreeTextResponse:
        return FreeTextResponse(text="")

    def correct_response(self, spec: FreeTextSpec) -> FreeTextResponse:
        """There is no correct answer; the sample answer stands in for one."""
        return FreeTextResponse(text=spec.sample_answer)

    def _is_complete(self, spec: FreeTextSpec, response: FreeTextResponse) -> bool:
        """Answered within the word limits (at least one word when there is no minimum)."""
        words = word_count(response.text)
        return (spec.min_words or 1) <= words <= (spec.max_words or words)

    def feedback_without_key(
        self, feedback: Feedback, *, response: Mapping[str, Any] | None, public_spec: Mapping
    ) -> Feedback:
        """The teacher scores it; the sample answer and rubric are never part of feedback."""
        return feedback.own(set())

    def _grade(self, spec: FreeTextSpec, response: FreeTextResponse) -> GradeResult:
        return GradeResult.ungraded()

    def _picks(self, data: Mapping[str, Any]) -> list[Pick]:
        """Prose is not tallied: every answer would be listed once."""
        return []

    def parse_form(self, spec: FreeTextSpec, data: FormData, prefix: str) -> dict[str, Any]:
        return {"text": data.get(f"{prefix}-text") or ""}
