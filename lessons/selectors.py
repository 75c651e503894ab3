"""Reads on lesson content."""

from .models import Lesson, Source


def lesson_references(*, lesson: Lesson) -> tuple[list[Source], list]:
    """(comparison sources, references): what citations in prompts and feedback link to
    (a fixed number of queries)."""
    sources = list(lesson.sources.filter(kind=Source.Kind.COMPARISON).order_by("position"))
    return sources, list(lesson.references.order_by("position"))
