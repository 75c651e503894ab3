"""Reads on lesson content."""

from django.db.models import Count, Q
from django.utils.safestring import SafeString

from core.fragments import Fragment, fragments_render

from .document import GlossaryEntry, glossary_entries
from .models import Lesson, Reference, Source, Visibility


def lesson_stamp(lesson: Lesson) -> str:
    """What names a version of the lesson's contents in a cache key: its id and `updated_at`,
    which every change of its contents moves (learning.signals)."""
    return f"{lesson.pk}:{lesson.updated_at.isoformat() if lesson.updated_at else ''}"


def lesson_references(*, lesson: Lesson) -> tuple[list[Source], list]:
    """(comparison sources, references): what citations in prompts and feedback link to
    (a fixed number of queries)."""
    sources = list(lesson.sources.filter(kind=Source.Kind.COMPARISON).order_by("position"))
    return sources, list(lesson.references.order_by("position"))


REFERENCES_TEMPLATE = "lessons/_references.html"


def lesson_references_html(*, lesson: Lesson) -> SafeString:
    """The lesson's list of sources and references as `lessons/_references.html` draws it: the
    same for every reader of the lesson in a language, so read (two queries) and drawn only
    when the cache does not hold it for the lesson as it is now; every change of a source or a
    reference moves the lesson's `updated_at` (`learning.signals`)."""

    def context() -> dict:
        sources, references = lesson_references(lesson=lesson)
        return {"sources": sources, "references": references}

    [html] = fragments_render(
        [Fragment(REFERENCES_TEMPLATE, context, [lesson.pk, lesson.updated_at])]
    )
    return html


def lesson_glossary(*, lesson: Lesson) -> list[GlossaryEntry]:
    """The lesson's glossary, in order, with the anchors the document's terms link to (one
    query)."""
    return glossary_entries(list(lesson.glossary.order_by("position")))


def lesson_citation_keys(*, lesson_id: int) -> list[str]:
    """The ids citations name, in the order of the reference list students see (comparison
    sources, then references): citation ``[n]`` cites the n-th (two queries). For fragments
    that have no list of their own, such as an activity's feedback swapped in by htmx."""
    sources = Source.objects.filter(lesson_id=lesson_id, kind=Source.Kind.COMPARISON)
    references = Reference.objects.filter(lesson_id=lesson_id)
    return list(sources.order_by("position").values_list("key", flat=True)) + list(
        references.order_by("position").values_list("key", flat=True)
    )


def lessons_visible_q(user) -> Q:
    """The one sharing rule (issue 16, point 5): school lessons, and the user's own lessons.
    Another teacher's private lesson does not exist for anyone else."""
    return Q(visibility=Visibility.SCHOOL) | Q(owner_id=user.pk, visibility=Visibility.PRIVATE)


def lesson_visible_get(*, user, slug: str) -> Lesson | None:
    """The lesson ``slug`` if ``user`` may see it, else None."""
    return Lesson.objects.filter(lessons_visible_q(user), slug=slug).first()


def lessons_for_author() -> list[Lesson]:
    """Every lesson, newest change first, with what a content author checks at a glance:
    `step_count`, `question_count` (current versions), `has_quiz` (one query)."""
    return list(
        Lesson.objects.annotate(
            step_count=Count("steps", distinct=True),
            question_count=Count("questions", filter=Q(questions__is_current=True), distinct=True),
            has_quiz=Count("quiz", distinct=True),
        ).order_by("-updated_at", "title")
    )
