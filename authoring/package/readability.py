"""Readability of a package's leveled prose: the Flesch-Kincaid grade (textstat) of each step's
texts at each reading level, against a ceiling per level.

For the tests of content packages (``tests/authoring/test_readability.py`` runs it on
``seeds/``); textstat is a development dependency, imported only when a check runs. A step is
graded as a whole — its body and its questions' prompts at that level — because a grade formula
on one short prompt says little."""

from __future__ import annotations

import re
from dataclasses import dataclass

from authoring.package import content
from quizzes.types.levels import prose_at_level

# The highest Flesch-Kincaid grade allowed at each level.
MAX_GRADE = {"standard": 10.0, "simpler": 7.0}
_CITATION = re.compile(r"\s*\[@[^\]]*\]")
_MARKS = re.compile(r"[*_`#>|]+")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


@dataclass(frozen=True)
class Grade:
    step: str  # step kind
    level: str
    grade: float

    @property
    def too_hard(self) -> bool:
        return self.grade > MAX_GRADE[self.level]

    def __str__(self) -> str:
        return (
            f"{self.step} ({self.level}): grade {self.grade:.1f}, "
            f"at most {MAX_GRADE[self.level]:.0f}"
        )


def plain(markdown: str) -> str:
    """Prose without citations, links' targets and Markdown marks, as a reader hears it."""
    text = _LINK.sub(r"\1", _CITATION.sub("", markdown))
    return _MARKS.sub("", text)


def step_texts(package: content.Package, step: content.Step, level: str) -> list[str]:
    """The step's body, prompts, feedback and explanations at ``level`` (feedback and the
    spec's prose only where written at both levels, so the two texts compared say the same)."""
    questions = package.quiz.items if step.kind == "quiz" else step.questions
    prose = [prose_at_level(q.spec, q.spec_simpler, "simpler") for q in questions]
    if level == "simpler":
        texts = [step.body_simpler, *(q.prompt_simpler for q in questions)]
        texts += [text for q in questions for _state, text in q.feedback.simpler]
        texts += [text for words in prose for text in words.values()]
    else:
        texts = [step.body, *(q.prompt for q in questions)]
        texts += [
            text
            for q in questions
            for state, text in (
                (s, getattr(q.feedback, s)) for s in ("correct", "partial", "incorrect")
            )
            if text and state in dict(q.feedback.simpler)
        ]
        texts += [text for words in prose for text in words]
    return [plain(t) for t in texts if t]


def readability_grades(package: content.Package, *, leveled_only: bool = True) -> list[Grade]:
    """The grade of every step's text at each level. With ``leveled_only``, only steps with a
    simpler version are graded (at both levels): a lesson not yet written at two levels is not
    held to them."""
    import textstat  # a development dependency: see the module docstring

    grades = []
    for step in package.steps:
        leveled = bool(step.body_simpler) or any(
            q.prompt_simpler or q.feedback.simpler or q.spec_simpler
            for q in (package.quiz.items if step.kind == "quiz" else step.questions)
        )
        if leveled_only and not leveled:
            continue
        for level in MAX_GRADE:
            text = "\n\n".join(step_texts(package, step, level))
            if text.strip():
                grades.append(Grade(step.kind, level, float(textstat.flesch_kincaid_grade(text))))
    return grades


def readability_problems(package: content.Package, *, leveled_only: bool = True) -> list[str]:
    """Every step text above its level's ceiling, as ``"context (simpler): grade 8.2, at most 7"``;
    empty when the package reads at its levels."""
    return [str(g) for g in readability_grades(package, leveled_only=leveled_only) if g.too_hard]
