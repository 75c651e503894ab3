"""Reads on attempts, with access built in. Query counts here do not grow with quiz length."""

import hashlib
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from core.local_cache import LocalCache
from core.rows import values as column_values
from lessons.markdown import render_markdown
from lessons.models import ReadingLevel, StepKind
from lessons.selectors import lesson_stamp

from . import policy
from .models import Attempt, KeyChange, Question, Regrade, Response, Score
from .specs import public_spec_for, questions_for_post
from .types import QuestionType, registry

# Scores are only ever added, so the highest id of an (attempt, question) is its newest score.
NEWEST_FIRST = "-id"


def scores_counted() -> QuerySet[Score]:
    """The scores that count toward an attempt's points: every grading event but the formative
    checks an activity's "Check" makes."""
    return Score.objects.exclude(origin=Score.Origin.CHECK)


def scores_newest(*, attempts) -> QuerySet[Score]:
    """The scores that count, only the newest of each (attempt, question) of `attempts`: the
    rows `scores_latest` picks, as a queryset a page can aggregate in the database."""
    # `attempts` is a query (a thousand ids in a list cost PostgreSQL more to parse and plan
    # than the rule that picks them), used once: repeated in the anti-join, it was planned as
    # a semi-join inside it, and without table statistics run once per score (~800 ms).
    newer = scores_counted().filter(
        attempt_id=OuterRef("attempt_id"),
        question_id=OuterRef("question_id"),
        id__gt=OuterRef("id"),
    )
    return scores_counted().filter(attempt__in=attempts).exclude(Exists(newer))


def scores_latest(
    *, attempts, fields: tuple[str, ...] = (), related: tuple[str, ...] = ()
) -> dict[tuple[int, int], Score]:
    """The score that counts for each (attempt id, question id) of `attempts` (a queryset, ids
    or Attempt rows): the newest of `scores_counted`, in one query. `related` is joined in;
    `fields` limits the columns read (the ids are always read), for pages that total
    thousands of scores."""
    rows = (
        scores_counted()
        .filter(attempt__in=attempts)
        .order_by("attempt_id", "question_id", NEWEST_FIRST)
    )
    if related:  # `select_related()` with no names would join every foreign key, recursively
        rows = rows.select_related(*related)
    if fields:
        rows = rows.only("attempt_id", "question_id", *fields)
    latest: dict[tuple[int, int], Score] = {}
    for score in rows:
        latest.setdefault((score.attempt_id, score.question_id), score)
    return latest


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
    level: str = ReadingLevel.STANDARD  # the reading level of the prompt shown
    controls_html: str = ""  # the answer controls, when rendered ahead (quizzes.controls)

    @property
    def uid(self) -> str:
        return self.question.uid

    @property
    def prompt_html(self):
        return render_markdown(self.question.prompt_for(self.level))


# The lesson's columns no attempt page reads.
LESSON_CONTENT = ("summary", "objectives", "standards", "teacher_guide", "parts", "timeline")


def work_level():
    """The reading level the student chose in the lesson work of the attempt's assignment
    (None: none chosen, or no assignment), read with the attempt instead of on its own."""
    return Subquery(
        Attempt.objects.filter(
            student_id=OuterRef("student_id"),
            assignment_id=OuterRef("assignment_id"),
            kind=Attempt.Kind.LESSON,
        )
        .order_by("-number")
        .values("reading_level")[:1]
    )


def attempt_get_for_student(
    *, student: User, pk: int, reading_level: bool = False, annotations=None
) -> Attempt:
    """The student's own attempt, or 404 (an attempt of someone else does not exist for them).
    `reading_level`: with the level chosen in the lesson work as `work_level` (the quiz page).
    `annotations`: what a higher layer reads in the same query."""
    rows = (
        # The class too: its time zone is the page's (classroom.timezones).
        Attempt.objects.select_related(
            "lesson", "lesson__quiz", "assignment", "assignment__classroom"
        )
        # The quiz and result pages show the lesson's title, not its content: the teacher's
        # guide alone can weigh hundreds of kilobytes of JSON to decode on every request.
        .defer(*(f"lesson__{name}" for name in LESSON_CONTENT))
    )
    if reading_level:
        rows = rows.annotate(work_level=work_level())
    rows = rows.annotate(**(annotations or {}))
    attempt = rows.filter(pk=pk, student=student).first()
    if attempt is None:
        raise Http404("No such attempt.")
    return attempt


QUESTIONS_TIMEOUT = 24 * 60 * 60  # memory only: the key, not the time, decides what is current
_QUESTIONS = LocalCache(max_entries=64)  # unpickled, in front of the shared cache


def quiz_questions_cached(*, attempt: Attempt) -> dict[int, Question]:
    """The quiz attempt's question versions by id, from this process, Django's cache or read
    (one query); shared, to read, never to change. The same for every attempt of the lesson
    with these questions, in any order: the key names the lesson's id and `updated_at` (as
    `attempt.lesson` was read), which every save or deletion of a question moves
    (`learning.signals`), and the set of ids. For the quiz page, which has the lesson's row;
    a write reads its questions anew."""
    ids = ",".join(map(str, sorted(attempt.item_order)))
    digest = hashlib.blake2b(ids.encode(), digest_size=12).hexdigest()
    key = f"quiz-questions:{lesson_stamp(attempt.lesson)}:{digest}"
    # Unordered: the default ordering joins the lesson and the step for nothing here.
    return _QUESTIONS.get_or_make_shared(
        key, lambda: Question.objects.order_by().in_bulk(attempt.item_order), QUESTIONS_TIMEOUT
    )


def attempt_items(
    *,
    attempt: Attempt,
    with_scores: bool = False,
    level: str = ReadingLevel.STANDARD,
    public_specs: bool = True,
    questions: dict[int, Question] | None = None,
) -> list[Item]:
    """The attempt's items in their stored order, with saved answers, at the student's reading
    `level` (a fixed number of queries). `public_specs` False: without what the page shows
    (`spec` empty), for reading a post. `questions`: a quiz's question versions by id when
    the caller has them; a page whose attempt came with its lesson's row takes them from
    `quiz_questions_cached`."""
    if attempt.kind == Attempt.Kind.QUIZ:
        if questions is None and public_specs and Attempt.lesson.is_cached(attempt):
            questions = quiz_questions_cached(attempt=attempt)  # a page, with the lesson's row
        if questions is None:
            # A post reads, saves and grades: the prompts and the prose's other levels (five
            # JSON columns to decode per item) only matter to a page. Unordered: the default
            # ordering joins the lesson and the step for nothing here.
            questions = (
                Question.objects.order_by().in_bulk(attempt.item_order)
                if public_specs
                else questions_for_post(attempt.item_order)
            )
        ordered = [questions[qid] for qid in attempt.item_order]
    else:
        ordered = list(
            Question.objects.filter(lesson_id=attempt.lesson_id, is_current=True)
            .exclude(step__kind="quiz")
            .select_related("step")
            .order_by("step__position", "position")
        )
    # Hand-written: the page's most frequent read, and composing it cost more than running it.
    answers = dict(column_values(Response, ("question", "data"), "t.attempt_id = %s", [attempt.pk]))
    latest = (
        {qid: score for (_a, qid), score in scores_latest(attempts=[attempt.pk]).items()}
        if with_scores
        else {}
    )
    # Reading a post needs no settings (nor the assignment they come from).
    settings = policy.attempt_settings(attempt) if public_specs else None
    stamp = _stamp_if_read(attempt)
    items = []
    for number, question in enumerate(ordered, start=1):
        qt = registry.get_or_missing(question.type)
        items.append(
            Item(
                number=number,
                question=question,
                qtype=qt,
                spec=public_spec_for(
                    question,
                    qt,
                    seed=attempt.seed,
                    shuffle=settings.shuffle_choices,
                    level=level,
                    stamp=stamp,
                )
                if public_specs
                else {},
                response=answers.get(question.pk),
                score=latest.get(question.pk),
                level=level,
            )
        )
    return items


def item_at_level(item: Item, *, attempt: Attempt, level: str) -> Item:
    """The item with its prompt and its spec's prose at the reading `level`."""
    if level == item.level:
        return item
    settings = policy.attempt_settings(attempt)
    spec = public_spec_for(
        item.question,
        item.qtype,
        seed=attempt.seed,
        shuffle=settings.shuffle_choices,
        level=level,
        stamp=_stamp_if_read(attempt),
    )
    return replace(item, level=level, spec=spec)


def _stamp_if_read(attempt: Attempt) -> str | None:
    """The attempt's lesson's stamp if its row was read with the attempt (no query for it)."""
    return lesson_stamp(attempt.lesson) if Attempt.lesson.is_cached(attempt) else None


def is_item_of(attempt: Attempt, question: Question) -> bool:
    """Whether the attempt answers this question version: a quiz attempt the versions stored
    in its item order; lesson work the lesson's current activities, never a quiz item. The
    question's step (its kind) is read only for lesson work."""
    if attempt.kind == Attempt.Kind.QUIZ:
        return question.pk in attempt.item_order
    return (
        question.lesson_id == attempt.lesson_id
        and question.is_current
        and question.step.kind != StepKind.QUIZ
    )


def attempt_item(*, attempt: Attempt, question_id: int) -> Item | None:
    """One item of the attempt (for saving a single answer), or None if it is not in it."""
    if attempt.kind == Attempt.Kind.QUIZ and question_id not in attempt.item_order:
        return None  # no query for a question the quiz does not have
    question = Question.objects.select_related("step").filter(pk=question_id).first()
    if question is None or not is_item_of(attempt, question):
        return None
    return item_for(question)


def item_for(question: Question) -> Item:
    """A question as an item to save an answer to (no number, spec or answer of its own)."""
    qt = registry.get_or_missing(question.type)
    return Item(number=0, question=question, qtype=qt, spec={}, response=None)


def attempt_review(*, attempt: Attempt, now=None) -> policy.Review:
    """What the student may see of this attempt now: "after the due date" comes when the
    student's own window closes (`policy.release_at`: their extension and any late period
    included), so the key never reaches a student who may still start another attempt."""
    now = now or timezone.now()
    release_at = None
    if attempt.assignment_id:
        extension = attempt.assignment.extensions.filter(student_id=attempt.student_id).first()
        window = policy.student_window(assignment=attempt.assignment, extension=extension)
        release_at = policy.release_at(window)
    return policy.review_for(
        policy.attempt_settings(attempt), submitted=not attempt.is_open, due_at=release_at, now=now
    )


@dataclass
class KeyChangeStatus:
    """A question whose key changed after it was answered, and what was decided about it."""

    key: str
    change: KeyChange  # the newest change
    decision: Regrade | None  # the newest decision since that change, in the scope asked

    @property
    def pending(self) -> bool:
        return self.decision is None


def key_changes_for(*, lesson, assignment_id: int | None = None) -> list[KeyChangeStatus]:
    """The lesson's key changes, newest per question, each with the newest decision taken
    since: one for the whole lesson (assignment None), or, for an assignment, one for it or
    for the whole lesson. Two queries."""
    newest: dict[str, KeyChange] = {}
    for change in (
        KeyChange.objects.filter(lesson=lesson)
        .select_related("old_question", "new_question")
        .order_by("-id")
    ):
        newest.setdefault(change.key, change)
    scope = Q(assignment__isnull=True)
    if assignment_id is not None:
        scope |= Q(assignment_id=assignment_id)
    decisions: dict[str, Regrade] = {}
    for regrade in (
        Regrade.objects.filter(scope, lesson=lesson)
        .select_related("question", "created_by")
        .order_by("-id")
    ):
        change = newest.get(regrade.question.key)
        if change is not None and regrade.created_at >= change.created_at:
            decisions.setdefault(regrade.question.key, regrade)
    return [
        KeyChangeStatus(key, change, decisions.get(key))
        for key, change in sorted(
            newest.items(), key=lambda kv: (kv[1].new_question.position, kv[0])
        )
    ]


def attempt_regrades(*, attempt: Attempt) -> list[tuple[int, Score]]:
    """The attempt's items whose counting score is a regrade: (item number, that score), so
    the student's result says which were regraded and why."""
    latest = scores_latest(attempts=[attempt.pk])
    return [
        (number, latest[(attempt.pk, qid)])
        for number, qid in enumerate(attempt.item_order, start=1)
        if (attempt.pk, qid) in latest and latest[(attempt.pk, qid)].origin == Score.Origin.REGRADE
    ]
