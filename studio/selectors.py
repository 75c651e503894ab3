"""Reads for the studio: a user's drafts (nobody else's), a draft's sentences, and the
assignments whose regrade pages follow a key change."""

from dataclasses import dataclass

from django.http import Http404

from accounts.models import User
from authoring.package.segment import Sentence
from classroom.models import Assignment
from lessons.models import Lesson, StepKind

from .models import Draft
from .sentences import Overrides, SplitPoint, split_points


def draft_get_for_owner(*, user: User, pk: int) -> Draft:
    """The user's own draft, or 404: drafts are never shared, not even with authors."""
    draft = Draft.objects.filter(pk=pk, owner=user).select_related("lesson").first()
    if draft is None:
        raise Http404("No such draft.")
    return draft


def drafts_for_owner(*, user: User) -> list[Draft]:
    return list(Draft.objects.filter(owner=user).select_related("lesson"))


@dataclass(frozen=True)
class SentenceRow:
    sentence: Sentence
    points: list[SplitPoint]
    can_merge: bool  # a next sentence in the same paragraph
    new_paragraph: bool


def draft_sentences(*, draft: Draft) -> list[SentenceRow]:
    """The document split as the validator and the loader will split it."""
    sentences = Overrides.of(draft.tree.get("source") or {}).split(draft.document)
    rows = []
    for index, sentence in enumerate(sentences):
        after = sentences[index + 1] if index + 1 < len(sentences) else None
        before = sentences[index - 1] if index else None
        rows.append(
            SentenceRow(
                sentence,
                split_points(sentence),
                after is not None and after.paragraph == sentence.paragraph,
                before is None or before.paragraph != sentence.paragraph,
            )
        )
    return rows


def assignments_to_regrade(*, lesson: Lesson, teacher: User) -> list[Assignment]:
    """The teacher's assignments of `lesson`, whose Regrade pages decide a key change."""
    return list(
        Assignment.objects.filter(lesson=lesson, classroom__teacher=teacher)
        .select_related("classroom")
        .order_by("classroom__name", "pk")
    )


@dataclass(frozen=True)
class QuestionPlace:
    place: str  # a step kind, or "quiz" for the quiz's items
    label: str
    items: list[tuple[int, dict]]


def draft_questions(*, draft: Draft) -> list[QuestionPlace]:
    """Each step's activities, then the quiz's items, with their indexes (what the question
    pages are addressed by)."""
    labels = dict(StepKind.choices)
    places = []
    for step in draft.tree.get("steps") or []:
        kind = step.get("kind")
        if kind in labels and kind != "quiz":
            places.append(QuestionPlace(kind, labels[kind], _items(step.get("activities"))))
    quiz = draft.tree.get("quiz") or {}
    places.append(QuestionPlace("quiz", labels["quiz"], _items(quiz.get("items"))))
    return places


def _items(items) -> list[tuple[int, dict]]:
    return [(i, item) for i, item in enumerate(items or []) if isinstance(item, dict)]
