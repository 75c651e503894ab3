"""A validated package as plain, frozen dataclasses: what the loader writes to the database.

Nothing here validates; ``build.py`` makes these only from a package that has no errors, so
every id referred to exists, every spec is prepared and every value has its final type.
Lists are tuples. Question specs are JSON-able dicts (read them, do not change them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from authoring.package.segment import Sentence

__all__ = [
    "ComparisonSource",
    "Excerpt",
    "Feedback",
    "Figure",
    "GlossaryEntry",
    "MainSource",
    "Package",
    "Part",
    "Question",
    "Quiz",
    "QuizSettings",
    "Reference",
    "Sentence",
    "Standard",
    "Step",
    "TeacherGuide",
    "TimelineEvent",
]


@dataclass(frozen=True)
class Standard:
    code: str
    text: str
    skills: tuple[str, ...]


@dataclass(frozen=True)
class Reference:
    id: str
    citation: str
    url: str | None


@dataclass(frozen=True)
class Excerpt:
    quote: str  # the source's exact words, without quotation marks
    locator: str  # where in the source: "p. 12"
    url: str | None


@dataclass(frozen=True)
class MainSource:
    file: str  # name inside the package folder
    title: str
    author: str | None
    publisher: str | None
    date: str | None
    type: str
    audience: str | None
    url: str | None
    citation: str
    known: tuple[str, ...]
    unknown: tuple[str, ...]
    text: str  # the whole document, newlines normalised to "\n"
    sentences: tuple[Sentence, ...]
    excerpts: tuple[Excerpt, ...] = ()


@dataclass(frozen=True)
class ComparisonSource:
    id: str
    title: str
    author: str | None
    publisher: str | None
    date: str | None
    type: str
    perspective: str | None
    audience: str | None
    url: str | None
    citation: str
    known: tuple[str, ...]
    unknown: tuple[str, ...]
    summary: str
    excerpt: str | None  # deprecated: excerpts
    excerpts: tuple[Excerpt, ...] = ()


@dataclass(frozen=True)
class Name:
    """One form of a term's name in one language (``lang``: a BCP 47 tag)."""

    lang: str
    name: str
    latin: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    aliases: tuple[str, ...]
    definition: str
    names: tuple[Name, ...] = ()  # the term's name in each language, in the order written


@dataclass(frozen=True)
class Feedback:
    correct: str | None
    partial: str | None
    incorrect: str | None
    simpler: tuple[tuple[str, str], ...] = ()  # (state, text) written at the simpler level


@dataclass(frozen=True)
class Question:
    """An activity or a quiz item. ``spec`` is the question type's prepared spec, dumped to
    JSON-able data (``qt.parse_spec(spec)`` turns it back into the type's model)."""

    id: str
    type: str
    prompt: str
    points: int
    skills: tuple[str, ...]
    feedback: Feedback
    spec: dict[str, Any]
    fixed_order: bool = False  # show the choices in the author's order
    prompt_simpler: str | None = None  # the prompt at the simpler reading level
    extension: bool = False  # beyond the core path of its part
    # The spec's prose at the simpler level, by dotted path (quizzes.types.levels); the spec
    # holds the standard texts.
    spec_simpler: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Step:
    kind: str
    title: str
    body: str | None
    questions: tuple[Question, ...]  # the step's ``activities``; empty for the quiz step
    body_simpler: str | None = None  # the body at the simpler reading level
    figures: tuple[str, ...] = ()  # ids of the package's figures shown on the step
    timeline: bool = False  # the step shows the lesson's timeline


@dataclass(frozen=True)
class Part:
    """A class period: some steps, in lesson order."""

    title: str
    summary: str | None
    steps: tuple[str, ...]  # step kinds


@dataclass(frozen=True)
class Figure:
    id: str
    file: str  # path inside the package folder
    media_type: str  # image/svg+xml or image/png
    data: bytes  # the file, checked (a safe SVG, a real PNG, within the size limit)
    alt: str
    caption: str
    credit: str
    long_description: str | None


@dataclass(frozen=True)
class TimelineEvent:
    date: str  # YYYY, YYYY-MM or YYYY-MM-DD: sorts in time order
    label: str | None  # the date as shown; None: ``date``
    title: str | None
    text: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class QuizSettings:
    attempts: int  # 0 = unlimited
    grading: str
    time_limit_minutes: int | None
    shuffle_items: bool
    shuffle_choices: bool
    show_feedback: str
    show_key: str
    feedback: str = "full"  # what students see until the key: score, outcomes or full


@dataclass(frozen=True)
class Quiz:
    title: str
    settings: QuizSettings
    items: tuple[Question, ...]


@dataclass(frozen=True)
class TeacherGuide:
    overview: str
    handling_with_care: str | None
    discussion_questions: tuple[str, ...]
    key_notes: str | None


@dataclass(frozen=True)
class Package:
    path: Path  # the package folder
    format: int
    slug: str
    version: int
    title: str
    language: str
    grade_band: str | None
    estimated_minutes: int | None
    summary: str
    objectives: tuple[str, ...]
    skills: tuple[str, ...]
    standards: tuple[Standard, ...]
    references: tuple[Reference, ...]
    source: MainSource
    sources: tuple[ComparisonSource, ...]
    glossary: tuple[GlossaryEntry, ...]
    steps: tuple[Step, ...]
    quiz: Quiz
    teacher_guide: TeacherGuide
    parts: tuple[Part, ...] = ()
    figures: tuple[Figure, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()  # in date order
    # Checked overlays of translations/ (authoring.package.translations.LessonTranslationData).
    translations: tuple[Any, ...] = ()

    def questions(self) -> tuple[Question, ...]:
        """Every question in lesson order: step activities, then quiz items where the quiz
        step stands."""
        found: list[Question] = []
        for step in self.steps:
            found.extend(self.quiz.items if step.kind == "quiz" else step.questions)
        return tuple(found)
