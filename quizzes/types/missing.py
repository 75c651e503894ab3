"""The placeholder for a stored question whose type is no longer registered.

A type key is stored with every question, so a type that is renamed or removed leaves questions
behind that no registered type can read. As Moodle's `missingtype`, they are shown as a notice
and never graded, instead of failing every page that shows them. `registry.get_or_missing(key)`
returns one; `manage.py check` (quizzes.W001) lists the questions concerned.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _
from pydantic import ConfigDict

from .base import FormData, GradeResult, QuestionType, ResponseError
from .keyfree import Feedback
from .parts import Pick
from .schema import Response, Spec


class MissingSpec(Spec):
    """Whatever the lost type stored: nothing of it can be read."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class MissingResponse(Response):
    """No answer: there are no controls to answer with."""


class MissingType(QuestionType[MissingSpec, MissingResponse]):
    """Renders a notice, accepts no answer, and grades as ungraded with 0 points (so a teacher
    may still score it by hand)."""

    label = _("Unavailable question type")
    auto_graded = False
    spec_model = MissingSpec
    response_model = MissingResponse

    def __init__(self, key: str) -> None:
        self.key = key  # type: ignore[misc]  # the stored key: one placeholder per missing key

    @property
    def template(self) -> str:
        return "quizzes/types/missing.html"

    def __repr__(self) -> str:
        return f"<MissingType {self.key}>"

    def public_spec(self, spec: MissingSpec) -> dict[str, Any]:
        return {"type": self.key}

    def parse_response(self, obj: Any, spec: MissingSpec | None = None) -> MissingResponse:
        """Only "nothing": a stored answer from when the type existed cannot be read either."""
        if obj is None or isinstance(obj, MissingResponse) or obj == {}:
            return MissingResponse()
        raise ResponseError(
            f"This question's type '{self.key}' is no longer available: it takes no answer."
        )

    def empty_response(self, spec: MissingSpec) -> MissingResponse:
        return MissingResponse()

    def correct_response(self, spec: MissingSpec) -> MissingResponse:
        return MissingResponse()

    def is_complete(self, spec: MissingSpec, response: MissingResponse | Mapping[str, Any]) -> bool:
        """Nothing can be answered, so nothing is left to answer."""
        return True

    def _is_complete(self, spec: MissingSpec, response: MissingResponse) -> bool:
        return True

    def grade(
        self, spec: MissingSpec, response: MissingResponse | Mapping[str, Any]
    ) -> GradeResult:
        """Ungraded, whatever was stored: the rules that would grade it are gone."""
        return GradeResult.ungraded()

    def _grade(self, spec: MissingSpec, response: MissingResponse) -> GradeResult:
        return GradeResult.ungraded()

    def feedback_without_key(
        self, feedback: Feedback, *, response: Mapping[str, Any] | None, public_spec: Mapping
    ) -> Feedback:
        """The rules that knew its key are gone: nothing but the state."""
        return Feedback(state=feedback.state)

    def parse_form(self, spec: MissingSpec, data: FormData, prefix: str) -> dict[str, Any]:
        return {}

    def _picks(self, data: Mapping[str, Any]) -> list[Pick]:
        return []
