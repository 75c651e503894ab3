"""Minutes per step: an estimate of the class time each step takes, computed when a package is
loaded (docs/lesson-format.md, "Minutes"). The formula, for each reading level:

    seconds = words a student reads on the step / WORDS_PER_MINUTE[level] * 60
              + the seconds each question needs (its type's ``seconds_per_item`` per item)
    minutes = seconds / 60, rounded up (a step with anything in it takes at least 1 minute)

separately for the core path and for the extension activities. The words read are the step's
body and its questions' prompts at that level, plus what the step shows: the document
(close reading), the main source's card (sourcing), the comparison sources (corroboration),
the captions of its figures and the events of the timeline."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from authoring.package import content
from quizzes.types import registry

# Reading speed of a 14-year-old reading carefully for study, not skimming; slower for
# students given the simpler texts.
WORDS_PER_MINUTE = {"standard": 150, "simpler": 110}
LEVELS = tuple(WORDS_PER_MINUTE)
_WORD = re.compile(r"[\w'\u2019-]+")
_CITATION = re.compile(r"\[@[^\]]*\]")


def word_count(*texts: str | None) -> int:
    """Words in prose, not counting citations or Markdown marks."""
    return sum(len(_WORD.findall(_CITATION.sub("", text or ""))) for text in texts)


def step_minutes(package: content.Package, step: content.Step) -> dict[str, dict[str, int]]:
    """{level: {"core": minutes, "extension": minutes}} for one step of ``package``."""
    questions = package.quiz.items if step.kind == "quiz" else step.questions
    shown = word_count(*_shown(package, step))
    result = {}
    for level, pace in WORDS_PER_MINUTE.items():
        body = step.body_simpler if level == "simpler" and step.body_simpler else step.body
        core = [q for q in questions if not q.extension]
        extension = [q for q in questions if q.extension]
        result[level] = {
            "core": _minutes((word_count(body) + shown) / pace * 60 + _seconds(core, level, pace)),
            "extension": _minutes(_seconds(extension, level, pace)),
        }
    return result


def _seconds(questions: Iterable[content.Question], level: str, pace: int) -> float:
    total = 0.0
    for q in questions:
        prompt = q.prompt_simpler if level == "simpler" and q.prompt_simpler else q.prompt
        qt = registry.get(q.type)
        total += word_count(prompt) / pace * 60 + qt.seconds(qt.parse_spec(q.spec))
    return total


def _minutes(seconds: float) -> int:
    return math.ceil(seconds / 60) if seconds > 0 else 0


def _shown(package: content.Package, step: content.Step) -> list[str | None]:
    """The texts the step shows besides its body and questions."""
    texts: list[str | None] = []
    if step.kind == "close_reading":
        texts.append(package.source.text)
    if step.kind == "sourcing":
        texts.extend([*package.source.known, *package.source.unknown])
        texts.extend(e.quote for e in package.source.excerpts)
    if step.kind == "corroboration":
        for source in package.sources:
            texts.extend([source.summary, source.excerpt, *(e.quote for e in source.excerpts)])
    figures = {f.id: f for f in package.figures}
    texts.extend(figures[ref].caption for ref in step.figures)
    if step.timeline:
        texts.extend(f"{e.title or ''} {e.text}" for e in package.timeline)
    return texts
