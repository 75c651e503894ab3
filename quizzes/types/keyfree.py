"""What of a graded answer's feedback a student may read while the key is withheld.

Each question type says which of its parts give the key away (`QuestionType.feedback_without_key`,
abstract, so a new type cannot forget); most keep the student's own picks with `Feedback.own`.
The result page renders only what that returns until the teacher's settings release the key
(docs/decisions/0015-feedback-and-key-are-two-releases.md)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

CORRECT = "correct"  # GradeState.CORRECT (base.py imports this module)


@dataclass(frozen=True, slots=True)
class Feedback:
    """A stored grading as a student's page reads it: the state (a `GradeState` value), the
    parts (`PartResult` as `GradeResult.as_dict` stores them) and the general lines."""

    state: str
    parts: tuple[Mapping[str, Any], ...] = ()
    lines: tuple[str, ...] = ()

    def own(self, chosen: Collection[str]) -> Feedback:
        """The rule most types follow to withhold the key: only the parts about what the
        student chose (`chosen`: part ids), with no expected answer and an explanation only
        where their choice was right (it then says nothing they did not choose); the general
        lines only when the whole answer is right (they may explain the key)."""
        parts = tuple(
            {
                "id": part.get("id"),
                "correct": part.get("correct"),
                "feedback": (part.get("feedback") or "") if part.get("correct") is True else "",
                "expected": None,
            }
            for part in self.parts
            if str(part.get("id")) in chosen
        )
        right = self.state == CORRECT
        return Feedback(state=self.state, parts=parts, lines=self.lines if right else ())


def stored(response: Mapping[str, Any] | None, name: str, kind: type) -> Any:
    """A field of a stored response when it has the expected kind (list, dict, str...), else an
    empty one: a stored answer from an older version of a type is read, never trusted."""
    value = response.get(name) if isinstance(response, Mapping) else None
    return value if isinstance(value, kind) else kind()
