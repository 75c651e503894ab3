"""true_false: decide whether a statement is true."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext_lazy as _

from .base import FormData, GradeResult, PartResult, QuestionType
from .keyfree import Feedback
from .schema import Note, Response, Spec

FORM_VALUES = {"true": True, "false": False}


class TrueFalseSpec(Spec):
    answer: bool
    feedback_true: Note = ""  # shown to whoever answered "true"
    feedback_false: Note = ""


class TrueFalseResponse(Response):
    answer: bool | None = None


class TrueFalse(QuestionType[TrueFalseSpec, TrueFalseResponse]):
    key = "true_false"
    seconds_per_item = 15
    prose_fields = ("feedback_true", "feedback_false")
    label = _("True or false")
    spec_model = TrueFalseSpec
    response_model = TrueFalseResponse

    def public_spec(self, spec: TrueFalseSpec) -> dict[str, Any]:
        return {}

    def value_labels(self, public_spec: Mapping[str, Any]) -> dict[str, str]:
        """The answers as the buttons say them."""
        return {"true": str(_("True")), "false": str(_("False"))}

    def expected_text(self, public_spec: Mapping[str, Any], expected: str) -> str:
        """The stored "true"/"false" as the words on the buttons."""
        return self.value_labels(public_spec).get(expected, expected)

    def empty_response(self, spec: TrueFalseSpec) -> TrueFalseResponse:
        return TrueFalseResponse(answer=None)

    def correct_response(self, spec: TrueFalseSpec) -> TrueFalseResponse:
        return TrueFalseResponse(answer=spec.answer)

    def _is_complete(self, spec: TrueFalseSpec, response: TrueFalseResponse) -> bool:
        return response.answer is not None

    def feedback_without_key(
        self, feedback: Feedback, *, response: Mapping[str, Any] | None, public_spec: Mapping
    ) -> Feedback:
        """Answered: whether it was right is the student's own; the expected word is the key."""
        answered = isinstance(response, Mapping) and isinstance(response.get("answer"), bool)
        return feedback.own({"answer"} if answered else set())

    def _grade(self, spec: TrueFalseSpec, response: TrueFalseResponse) -> GradeResult:
        right = response.answer is spec.answer
        feedback = {True: spec.feedback_true, False: spec.feedback_false, None: ""}
        return GradeResult.of(
            Fraction(int(right)),
            parts=[PartResult("answer", right, expected="true" if spec.answer else "false")],
            feedback=[feedback[response.answer]],
        )

    def parse_form(self, spec: TrueFalseSpec, data: FormData, prefix: str) -> dict[str, Any]:
        value = data.get(f"{prefix}-answer") or None
        # Anything but "true"/"false" is passed on as is, for parse_response to refuse.
        return {"answer": FORM_VALUES.get(value, value) if isinstance(value, str) else value}
