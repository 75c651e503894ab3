"""Reads on attempts, with access built in. Query counts here do not grow with quiz length."""

import random
from dataclasses import dataclass
from typing import Any

from django.http import Http404
from django.utils import timezone

from accounts.models import User

from . import policy
from .models import Attempt, Question, Response, Score
from .types import QuestionType, registry


@dataclass
class Item:
    """One question as a student sees it in an attempt."""

    number: int
    question: Question
    qtype: QuestionType
    spec: dict[str, Any]  # public: never the key
    response: dict[str, Any] | None
    score: Score | None = None
    error: str = ""

    @property
    def uid(self) -> str:
        return self.question.uid


def attempt_get_for_student(*, student: User, pk: int) -> Attempt:
    """The student's own attempt, or 404 (an attempt of someone else does not exist for them)."""
    attempt = (
        Attempt.objects.select_related("lesson", "lesson__quiz", "assignment")
        .filter(pk=pk, student=student)
        .first()
    )
    if attempt is None:
        raise Http404("No such attempt.")
    return attempt


SAVE_FIELDS = (
    "student_id",
    "lesson_id",
    "assignment_id",
    "kind",
    "status",
    "deadline",
    "item_order",
)


def attempt_get_for_saving(*, student: User, pk: int) -> Attempt:
    """The student's own attempt with only what saving an answer needs: autosave is the most
    frequent request of all, so it does not load the lesson's content with it."""
    attempt = Attempt.objects.only(*SAVE_FIELDS).filter(pk=pk, student=student).first()
    if attempt is None:
        raise Http404("No such attempt.")
    return attempt


def public_spec_for(question: Question, qt: QuestionType, *, seed: int, shuffle: bool) -> dict:
    """The spec the page may show; the lists the type shuffles (choices) in an order drawn from
    the attempt's stored seed, so a reload shows the same order."""
    spec = qt.public_spec(qt.parse_spec(question.spec))
    if shuffle:
        rng = random.Random(f"{seed}:{question.pk}")  # order, not secrecy  # noqa: S311  # nosec B311
        qt.shuffle(spec, rng)
    return spec


def attempt_items(*, attempt: Attempt, with_scores: bool = False) -> list[Item]:
    """The attempt's items in their stored order, with saved answers (3 queries at most)."""
    if attempt.kind == Attempt.Kind.QUIZ:
        questions = Question.objects.in_bulk(attempt.item_order)
        ordered = [questions[qid] for qid in attempt.item_order]
    else:
        ordered = list(
            Question.objects.filter(lesson_id=attempt.lesson_id, is_current=True)
            .exclude(step__kind="quiz")
            .select_related("step")
            .order_by("step__position", "position")
        )
    answers = dict(Response.objects.filter(attempt=attempt).values_list("question_id", "data"))
    latest: dict[int, Score] = {}
    if with_scores:
        for score in Score.objects.filter(attempt=attempt).exclude(origin=Score.Origin.CHECK):
            latest.setdefault(score.question_id, score)
    settings = _settings(attempt)
    items = []
    for number, question in enumerate(ordered, start=1):
        qt = registry.get_or_missing(question.type)
        items.append(
            Item(
                number=number,
                question=question,
                qtype=qt,
                spec=public_spec_for(
                    question, qt, seed=attempt.seed, shuffle=settings.shuffle_choices
                ),
                response=answers.get(question.pk),
                score=latest.get(question.pk),
            )
        )
    return items


def attempt_item(*, attempt: Attempt, question_id: int) -> Item | None:
    """One item of the attempt (for saving a single answer), or None if it is not in it."""
    if attempt.kind == Attempt.Kind.QUIZ:
        if question_id not in attempt.item_order:
            return None
        question = Question.objects.filter(pk=question_id).first()
    else:
        question = (
            Question.objects.filter(pk=question_id, lesson_id=attempt.lesson_id, is_current=True)
            .exclude(step__kind="quiz")
            .first()
        )
    if question is None:
        return None
    qt = registry.get_or_missing(question.type)
    return Item(number=0, question=question, qtype=qt, spec={}, response=None)


def _settings(attempt: Attempt) -> policy.QuizSettings:
    source = attempt.assignment if attempt.assignment_id else attempt.lesson.quiz
    return policy.QuizSettings.from_obj(source)


def attempt_review(*, attempt: Attempt, now=None) -> policy.Review:
    """What the student may see of this attempt now."""
    now = now or timezone.now()
    due_at = attempt.assignment.due_at if attempt.assignment_id else None
    return policy.review_for(
        _settings(attempt), submitted=not attempt.is_open, due_at=due_at, now=now
    )
