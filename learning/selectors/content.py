"""A lesson's content as every student's step page reads it, kept in the cache.

Steps, sources, sentences, glossary, references and current questions are the same for every
student of a lesson, so a step page reads them from Django's cache (Redis in production, shared
by the app servers) instead of six queries and the document's segmentation per request. The key
names the lesson's row as the page already has it: its id and `updated_at`, which every change of
its content moves (`learning.signals`: a reload, a question versioned or edited, an edit in the
admin), so an entry is never read after its content changed; old entries expire after a day.
The active language is in the key too, as the glossary's names of languages are in it."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language

from core.local_cache import LocalCache
from lessons.document import GlossaryEntry, SentenceView, document_paragraphs, glossary_entries
from lessons.models import Lesson, Reference, Source, Step, StepKind
from lessons.selectors import lesson_stamp
from quizzes.models import Question

TIMEOUT = 24 * 60 * 60
KEY_VERSION = 1  # raise when LessonContent changes shape, so no process reads an old pickle

# In front of the shared cache, each process keeps the contents it read last, unpickled: a step
# page would otherwise fetch and unpickle the whole lesson on every request. Under the same key,
# so never stale either; read-only (pages copy what they change: learning.translations).
_LOCAL = LocalCache(max_entries=32)


@dataclass(frozen=True)
class LessonContent:
    steps: list[Step]  # in order
    sources: list[Source]
    glossary: list[GlossaryEntry]
    references: list[Reference]
    paragraphs: list[list[SentenceView]]  # the main document, cut into segments
    questions: list[Question]  # current, outside the quiz, in order
    quiz_item_count: int


def lesson_content_key(lesson: Lesson) -> str:
    return f"lesson-content:{KEY_VERSION}:{lesson_stamp(lesson)}:{get_language()}"


def lesson_content_get(*, lesson: Lesson) -> LessonContent:
    """The lesson's content (from this process, the cache, or seven queries that fill it)."""
    return _LOCAL.get_or_make_shared(
        lesson_content_key(lesson), lambda: _lesson_content_read(lesson), TIMEOUT
    )


def _lesson_content_read(lesson: Lesson) -> LessonContent:
    sentences = list(lesson.sentences.order_by("position"))
    glossary = list(lesson.glossary.order_by("position"))
    entries = glossary_entries(glossary)
    questions = list(
        Question.objects.filter(lesson=lesson, is_current=True)
        .exclude(step__kind=StepKind.QUIZ)
        .order_by("position")
    )
    return LessonContent(
        steps=list(Step.objects.filter(lesson=lesson).order_by("position")),
        sources=list(Source.objects.filter(lesson=lesson).order_by("position")),
        glossary=entries,
        references=list(lesson.references.order_by("position")),
        paragraphs=document_paragraphs(sentences, glossary, entries),
        questions=questions,
        quiz_item_count=Question.objects.filter(
            lesson=lesson, step__kind=StepKind.QUIZ, is_current=True
        ).count(),
    )
