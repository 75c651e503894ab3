"""What a student is shown of a graded answer: pure functions over a stored score, the public
spec and the student's response. No database, no HTML.

Two audiences, two rules:

- **formative** (a lesson activity, retries allowed): only the parts the student actually
  answered are named, with ✓ or ✗ and their explanation; the parts still to find are only
  counted. So a wrong try says *which of your picks* are wrong without listing the key.
- **review** (a submitted quiz): as far as the teacher's settings release it
  (`policy.review_for`, `review_view` here): the outcome only; or the parts the student chose
  themselves, with the explanations that keep the key (`QuestionType.feedback_without_key`);
  or, once the key is released, every part with its expected answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

from .policy import Review
from .types import Feedback, GradeState, QuestionType


class Verdict(TextChoices):
    """What a submitted answer was, in words a student reads and a page counts."""

    RIGHT = "right", _("Right")
    PARTIAL = "partial", _("Partly right")
    WRONG = "wrong", _("Wrong")
    BLANK = "blank", _("Left blank")  # scores like a wrong answer, but nothing was answered
    PENDING = "pending", _("Waiting for your teacher")  # scored by the teacher, not yet


VERDICT_OF_STATE = {
    GradeState.CORRECT: Verdict.RIGHT,
    GradeState.PARTIAL: Verdict.PARTIAL,
    GradeState.INCORRECT: Verdict.WRONG,
    GradeState.UNGRADED: Verdict.PENDING,
}


@dataclass(frozen=True)
class PartView:
    label: str
    correct: bool | None
    feedback: str = ""  # Markdown
    expected: str | None = None
    sentence: str = ""  # the document sentence this part is about, if any


@dataclass(frozen=True)
class FeedbackView:
    state: GradeState
    right: int  # parts right
    total: int  # parts judged
    lines: tuple[str, ...] = ()  # general feedback (Markdown)
    parts: tuple[PartView, ...] = ()
    missing: int = 0  # parts wrong that are not named (formative): still to find
    formative: bool = True
    try_number: int = 0
    changed: bool = False  # the answer was changed after this check
    points_earned: Any = None
    points_possible: Any = None
    blank: bool = False  # nothing was answered: told apart from a wrong answer

    @property
    def is_correct(self) -> bool:
        return self.state == GradeState.CORRECT

    @property
    def is_ungraded(self) -> bool:
        return self.state == GradeState.UNGRADED

    @property
    def verdict(self) -> Verdict:
        """Left blank when nothing was answered and no points were given (a teacher may still
        give some); else by the state."""
        if self.blank and self.state in (GradeState.INCORRECT, GradeState.UNGRADED):
            return Verdict.BLANK
        return VERDICT_OF_STATE[self.state]


def response_tokens(response: Any) -> set[str]:
    """Every id a response mentions: values, keys and dotted paths of keys ("row.column")."""
    tokens: set[str] = set()
    if isinstance(response, str):
        tokens.add(response)
    elif isinstance(response, Mapping):
        for key, child in response.items():
            inner = response_tokens(child)
            tokens.add(str(key))
            tokens |= inner
            tokens |= {f"{key}.{token}" for token in inner}
    elif isinstance(response, list):
        for child in response:
            tokens |= response_tokens(child)
    return tokens


def feedback_view(
    *,
    state: str,
    parts: list[Mapping[str, Any]],
    lines: list[str],
    qtype: QuestionType,
    public_spec: Mapping[str, Any],
    response: Any,
    question_feedback: Mapping[str, str] | None = None,
    prose: Mapping[str, str] | None = None,
    formative: bool,
    show_expected: bool = False,
    try_number: int = 0,
    changed: bool = False,
    points_earned: Any = None,
    points_possible: Any = None,
    blank: bool = False,
) -> FeedbackView:
    """The view of one graded answer (a Score's state, parts and feedback lines); parts are
    named by the question's type (`part_labels`; "row.column" by its row and its column).
    `prose` (`Question.prose_for`) gives the student's reading level of the explanations,
    which were stored in the standard words when the answer was graded."""
    prose = prose or {}
    labels = qtype.part_labels(public_spec)
    answered = response_tokens(response) if formative else set()
    shown: list[PartView] = []
    missing = 0
    judged = [part for part in parts if part.get("correct") is not None]
    for part in parts:
        ident = str(part.get("id", ""))
        if formative and ident not in answered:
            missing += part.get("correct") is False
            continue
        found = labels.find(ident)
        feedback = part.get("feedback") or ""
        feedback = prose.get(feedback.strip(), feedback)
        if not found and not feedback and not (show_expected and part.get("expected")):
            continue  # nothing of its own to say ("choice", "value"): the summary says it
        shown.append(
            PartView(
                label=" — ".join(label.text for label in found),
                correct=part.get("correct"),
                feedback=feedback,
                expected=(
                    qtype.expected_text(public_spec, part["expected"])
                    if show_expected and part.get("expected") is not None
                    else None
                ),
                sentence=next((label.sentence for label in found if label.sentence), ""),
            )
        )
    general = [prose.get(line.strip(), line) for line in lines if line]
    if question_feedback and question_feedback.get(state):
        general.insert(0, question_feedback[state])
    return FeedbackView(
        state=GradeState(state),
        right=sum(part.get("correct") is True for part in judged),
        total=len(judged),
        lines=tuple(line for line in general if line),
        parts=tuple(shown),
        missing=missing,
        formative=formative,
        try_number=try_number,
        changed=changed,
        points_earned=points_earned,
        points_possible=points_possible,
        blank=blank,
    )


def review_view(
    *,
    review: Review,
    state: str,
    parts: list[Mapping[str, Any]],
    lines: list[str],
    qtype: QuestionType,
    public_spec: Mapping[str, Any],
    response: Any,
    question_feedback: Mapping[str, str] | None = None,
    prose: Mapping[str, str] | None = None,
    points_earned: Any = None,
    points_possible: Any = None,
) -> FeedbackView | None:
    """A submitted answer as its student's result page shows it now (`review`):

    - the key released: every part named, every explanation, the expected answers;
    - `details`: only what the type keeps without the key (`feedback_without_key`), and the
      question's own note only on a right answer (a note on a wrong one may state the key);
    - `feedback` only: the outcome, with no part and no line;
    - nothing released: None.

    How many parts are right is told at every level: it names none of them. The explanations
    are read at the student's level (`prose`) only after the key's parts are withheld, so a
    simpler text is shown only where its standard text would be."""
    if not review.feedback:
        return None
    shown = Feedback(state=state, parts=tuple(parts), lines=tuple(lines))
    if not review.key:
        shown = (
            qtype.feedback_without_key(shown, response=response, public_spec=public_spec)
            if review.details
            else Feedback(state=state)
        )
        right = state == GradeState.CORRECT and review.details
        question_feedback = {state: question_feedback[state]} if right and question_feedback else {}
    view = feedback_view(
        state=state,
        parts=list(shown.parts),
        lines=list(shown.lines),
        qtype=qtype,
        public_spec=public_spec,
        response=response,
        question_feedback=question_feedback,
        prose=prose,
        formative=False,
        show_expected=review.key,
        points_earned=points_earned,
        points_possible=points_possible,
        blank=qtype.is_blank(response),
    )
    judged = [part for part in parts if part.get("correct") is not None]
    return replace(
        view, right=sum(part.get("correct") is True for part in judged), total=len(judged)
    )
