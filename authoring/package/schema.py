"""The shape of ``lesson.yaml`` (docs/lesson-format.md), as pydantic models.

These models check structure only: required fields, types, allowed values, unknown keys. What
needs the whole package (does a cited id exist? does a span occur in its sentence?) is checked by
the meaning checks ``validate.py`` runs; a question's ``spec`` is checked by its question type
(``quizzes.types``).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    model_validator,
)

from authoring.package import limits
from authoring.package.schema_extras import Excerpt, Figure, Leveled, Part, TimelineEvent, WebUrl
from quizzes.types.schema import at_most, empty_means_none

FORMAT_VERSION = 1

SkillKey = Literal[
    "sourcing", "contextualization", "close_reading", "fact_interpretation", "corroboration"
]
SKILL_KEYS: tuple[str, ...] = get_args(SkillKey)

StepKind = Literal[
    "context",
    "sourcing",
    "close_reading",
    "perspective",
    "fact_interpretation",
    "corroboration",
    "quiz",
    "reflection",
]
# The order in which steps must appear; also the order students meet them.
STEP_KINDS: tuple[str, ...] = get_args(StepKind)

Release = Literal["immediately", "after_submit", "after_due", "never"]
FeedbackLevel = Literal["score", "outcomes", "full"]  # quizzes.models.FeedbackLevel
Grading = Literal["highest", "last", "first", "average"]

_ID = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*\Z")
# Cited in prose as [@id], where the Markdown renderer accepts no underscore.
_CITABLE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\Z")


def _id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(
            f"{value!r} is not a valid id: use lowercase letters and digits, "
            "joined by single hyphens or underscores"
        )
    return value


def _citable_id(value: str) -> str:
    if not _CITABLE_ID.match(value):
        raise ValueError(
            f"{value!r} is not a valid id: use lowercase letters and digits, "
            "joined by single hyphens"
        )
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


def _language(value: str) -> str:
    if not _LANGUAGE.match(value):
        raise ValueError(f"{value!r} is not a language tag such as 'en' or 'en-GB'")
    return value


def _unique(values: list[str]) -> list[str]:
    repeated = sorted({v for v in values if values.count(v) > 1})
    if repeated:
        raise ValueError(f"listed more than once: {', '.join(repeated)}")
    return values


Id = Annotated[str, AfterValidator(_id)]
CitableId = Annotated[str, AfterValidator(_citable_id)]
Text = Annotated[str, AfterValidator(_not_blank)]  # plain text, one line
Markdown = Annotated[str, AfterValidator(_not_blank)]  # prose: Markdown, may cite [@id]
Skills = Annotated[list[SkillKey], Field(min_length=1), AfterValidator(_unique)]
PositiveInt = Annotated[StrictInt, Field(gt=0)]
# Every number is bounded by what stores it (limits.py): a package that validates always loads.
Points = Annotated[PositiveInt, at_most(limits.POINTS, limits.WHY_POINTS)]
Attempts = Annotated[StrictInt, Field(ge=0), at_most(limits.ATTEMPTS, limits.WHY_SETTING)]
TimeLimit = Annotated[PositiveInt, at_most(limits.TIME_LIMIT_MINUTES, limits.WHY_SETTING)]
Version = Annotated[PositiveInt, at_most(limits.VERSION, limits.WHY_COLUMN)]
Minutes = Annotated[PositiveInt, at_most(limits.ESTIMATED_MINUTES, limits.WHY_COLUMN)]


def _yes_no(value: Any) -> Any:
    """``yes`` and ``no`` are plain words in YAML here (a choice may read "No"), but in a field
    that takes true or false they mean what an author means by them, as in questions' specs."""
    if isinstance(value, str) and value.lower() in ("yes", "no"):
        return value.lower() == "yes"
    return value


Flag = Annotated[bool, BeforeValidator(_yes_no), Field(strict=True)]


class Model(BaseModel):
    # Numbers become text where text is expected: ``date: 1911`` or ``title: 1984`` are fine.
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    @model_validator(mode="before")
    @classmethod
    def _empty_lists(cls, data: Any) -> Any:
        return empty_means_none(cls, data)


class Standard(Model):
    code: Text
    text: Markdown
    skills: Skills


class Reference(Model):
    id: CitableId
    citation: Markdown
    url: WebUrl | None = None


class Segmentation(Model):
    no_break_after: list[Text] = []
    break_after: list[Text] = []


class MainSource(Model):
    file: Text
    title: Text
    author: Text | None = None
    publisher: Text | None = None
    date: Text | None = None
    type: Text
    audience: Markdown | None = None
    url: WebUrl | None = None
    citation: Markdown
    known: list[Markdown] = []
    unknown: list[Markdown] = []
    excerpts: list[Excerpt] = []
    segmentation: Segmentation = Segmentation()


class ComparisonSource(Model):
    id: CitableId
    title: Text
    author: Text | None = None
    publisher: Text | None = None
    date: Text | None = None
    type: Text
    perspective: Text | None = None
    audience: Markdown | None = None
    url: WebUrl | None = None
    citation: Markdown
    known: list[Markdown] = []
    unknown: list[Markdown] = []
    summary: Markdown
    excerpts: list[Excerpt] = []
    excerpt: Markdown | None = None  # deprecated: use excerpts


class GlossaryEntry(Model):
    term: Text
    aliases: list[Text] = []
    definition: Markdown


class Feedback(Model):
    correct: Leveled | None = None
    partial: Leveled | None = None
    incorrect: Leveled | None = None


class Question(Model):
    id: Id
    type: Text
    prompt: Leveled
    points: Points = 1
    skills: Skills
    feedback: Feedback = Feedback()
    # The choices in the order written, where order means something; checked in questions.py.
    fixed_order: Flag = False
    # Optional work beyond the core path every class does; not for quiz items (extras.py).
    extension: Flag = False
    # Checked by the question type named in ``type``, not here.
    spec: dict[str, Any] = {}


class Step(Model):
    kind: StepKind
    title: Text
    body: Leveled | None = None
    figures: list[str] = []  # ids of the package's figures, shown on this step
    timeline: Flag = False  # true: this step shows the lesson's timeline
    activities: list[Question] = []


class QuizSettings(Model):
    attempts: Attempts = 1  # 0 = unlimited
    grading: Grading = "highest"
    time_limit_minutes: TimeLimit | None = None
    shuffle_items: Flag = False
    shuffle_choices: Flag = False
    feedback: FeedbackLevel = "full"
    show_feedback: Release = "after_submit"
    show_key: Release = "after_due"


class Quiz(Model):
    title: Text = "Quiz"
    settings: QuizSettings = QuizSettings()
    items: Annotated[list[Question], Field(min_length=1)]


class TeacherGuide(Model):
    overview: Markdown
    handling_with_care: Markdown | None = None
    discussion_questions: list[Markdown] = []
    key_notes: Markdown | None = None


class Lesson(Model):
    format: Literal[1]
    slug: Id
    version: Version
    title: Text
    language: Annotated[str, AfterValidator(_language)] = "en"
    grade_band: Text | None = None
    estimated_minutes: Minutes | None = None
    summary: Markdown
    objectives: Annotated[list[Markdown], Field(min_length=1)]
    skills: Skills
    standards: list[Standard] = []
    references: list[Reference] = []
    source: MainSource
    sources: list[ComparisonSource] = []
    glossary: list[GlossaryEntry] = []
    figures: list[Figure] = []
    timeline: list[TimelineEvent] = []
    parts: list[Part] = []
    steps: Annotated[list[Step], Field(min_length=1)]
    quiz: Quiz
    teacher_guide: TeacherGuide


def allowed_keys(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str] | None:
    """The keys allowed in the mapping at ``loc`` under ``model``, or None if unknown there."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue  # list items have the list's item model
        field = current.model_fields.get(part) if _is_model(current) else None
        if field is None:
            return None
        current = _model_in(field.annotation)
        if current is None:
            return None
    return list(current.model_fields) if _is_model(current) else None


def _is_model(candidate: Any) -> bool:
    return isinstance(candidate, type) and issubclass(candidate, BaseModel)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model class inside ``list[M]``, ``M | None``, ``Annotated[list[M], ...]``."""
    if _is_model(annotation):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
