"""Writes on attempts: start one, save answers, submit, check an activity.

Every function takes `now` so that deadlines are decided by the server's clock, once, and tests
can pass their own. Access (is this the student's attempt?) is checked by the caller through
`quizzes.selectors`; these functions enforce the rules of the quiz itself."""

import random
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from accounts.models import User
from core.rows import columns, fields_named, fields_of, instance
from core.sql import prepared_cursor
from lessons.models import Lesson, StepKind

from .. import policy, selectors
from ..errors import Code, QuizError
from ..models import Attempt, Question, Response, Score
from ..types import ResponseError, registry
from .closing import (
    attempts_close_locked_overdue,
    attempts_close_overdue,
    attempts_grade_and_close,
)
from .deadlines import window_for
from .scoring import grade, score_row
from .upserts import answers_upsert, response_upsert_if_open


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def _check_window(window: policy.Window, now: datetime) -> None:
    if window.opens_at is not None and now < window.opens_at:
        raise QuizError(Code.NOT_OPEN)
    if policy.is_past(window.closes_at, now):
        raise QuizError(Code.CLOSED)


def attempt_start(
    *,
    student: User,
    lesson: Lesson,
    assignment=None,
    kind: str = Attempt.Kind.QUIZ,
    now: datetime | None = None,
) -> Attempt:
    """Start an attempt, or return the one already in progress (a double click starts one).

    The student's overdue attempts are closed first, in a transaction of their own, so that
    they stay closed (as of their deadlines) even when starting is then refused."""
    now = _now(now)
    if kind == Attempt.Kind.QUIZ:
        attempts_close_overdue(student=student, now=now)
    return _attempt_start(student=student, lesson=lesson, assignment=assignment, kind=kind, now=now)


@transaction.atomic
def _attempt_start(*, student: User, lesson: Lesson, assignment, kind: str, now: datetime):
    existing = Attempt.objects.filter(
        student=student, lesson=lesson, assignment=assignment, kind=kind
    ).order_by("-number")
    latest = existing.first()
    if latest is not None and latest.is_open:
        if latest.kind != Attempt.Kind.QUIZ or not policy.is_past(latest.deadline, now):
            return latest
        latest = attempt_submit(attempt=latest, now=now)  # overdue a moment ago: closed too
    if kind == Attempt.Kind.LESSON and latest is not None:
        return latest  # one record of lesson work per assignment

    window = window_for(student=student, assignment=assignment)
    _check_window(window, now)
    settings = policy.settings_for(assignment=assignment, lesson=lesson)
    number = latest.number + 1 if latest else 1
    if (
        kind == Attempt.Kind.QUIZ
        and settings.attempts_allowed
        and number > settings.attempts_allowed
    ):
        raise QuizError(Code.NO_ATTEMPTS_LEFT)

    seed = secrets.randbelow(2**31)
    item_order: list[int] = []
    deadline = window.closes_at
    if kind == Attempt.Kind.QUIZ:
        item_order = list(
            Question.objects.filter(lesson=lesson, step__kind=StepKind.QUIZ, is_current=True)
            .order_by("position")
            .values_list("id", flat=True)
        )
        if settings.shuffle_items:
            random.Random(seed).shuffle(item_order)  # order, not secrecy  # noqa: S311
        deadline = policy.attempt_deadline(started_at=now, settings=settings, window=window)
    try:
        with transaction.atomic():
            return Attempt.objects.create(
                student=student,
                lesson=lesson,
                assignment=assignment,
                kind=kind,
                number=number,
                item_order=item_order,
                seed=seed,
                started_at=now,
                deadline=deadline,
            )
    except IntegrityError:
        # Another request started the same attempt a moment ago: use that one.
        return Attempt.objects.get(
            student=student, lesson=lesson, assignment=assignment, kind=kind, number=number
        )


def _questions_in(attempt: Attempt, question_ids) -> dict[int, Question]:
    """The questions this attempt may answer among `question_ids` (`selectors.is_item_of`): one
    query, none for ids a quiz does not have."""
    ids = set(question_ids)
    rows = Question.objects.all()
    if attempt.kind == Attempt.Kind.QUIZ:
        ids &= set(attempt.item_order)
    else:
        rows = rows.select_related("step")  # lesson work answers no quiz item
    return {pk: q for pk, q in rows.in_bulk(ids).items() if selectors.is_item_of(attempt, q)}


# What a locked read takes: the whole row to grade, or what decides whether a save may write.
_WHOLE = fields_of(Attempt)
_WRITABLE = fields_named(Attempt, "id", "status", "deadline")
_LOCKED = "SELECT {columns} FROM quizzes_attempt t WHERE t.id = %s{lock}"


def _attempt_locked(pk: int, fields) -> Attempt:
    """The attempt's row, read again and locked until the caller's transaction ends (FOR
    UPDATE; on SQLite the transaction itself is exclusive). Written by hand: every save of
    the quiz page and every submit reads it, and the ORM's `select_for_update().get()` cost
    more to compose than the statement costs to run."""
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    with prepared_cursor() as cursor:
        cursor.execute(_LOCKED.format(columns=columns("t", fields), lock=lock), [pk])
        row = cursor.fetchone()
    if row is None:
        raise Attempt.DoesNotExist(f"No attempt {pk}.")
    return instance(Attempt, fields, row)


@dataclass
class SaveResult:
    saved: dict[int, Response]
    errors: dict[int, QuizError]


def responses_save(
    *,
    attempt: Attempt,
    answers: Mapping[int, object],
    now: datetime | None = None,
    known: Mapping[int, Question] | None = None,
    submit: bool = False,
) -> SaveResult:
    """Save several answers at once (the page's form without JavaScript), in a fixed number of
    queries. An answer that cannot be read is reported and the others are still saved.

    The attempt row is locked and re-read, so an answer racing a submit (another tab, a slow
    network) either lands before the submit or is refused: never stored after grading.

    `submit`: then, if every answer was read, grade and close the attempt as `attempt_submit`
    does, in the same transaction and under the same lock, grading with the questions read
    for the answers."""
    now = _now(now)
    questions = dict(known) if known is not None else _questions_in(attempt, answers.keys())
    errors: dict[int, QuizError] = {}
    clean: dict[int, dict] = {}
    for qid, data in answers.items():
        if qid not in questions:
            errors[qid] = QuizError(Code.UNKNOWN_QUESTION)
            continue
        try:
            clean[qid] = response_clean(questions[qid], data)
        except QuizError as error:
            errors[qid] = error
    saved: dict[int, Response] = {}
    with transaction.atomic():
        # Grading needs the whole row; a save only what decides whether it may write.
        locked = _attempt_locked(attempt.pk, _WHOLE if submit else _WRITABLE)
        if not locked.is_open:
            raise QuizError(Code.ATTEMPT_SUBMITTED, attempt_id=attempt.pk)
        overdue = policy.is_past(locked.deadline, now)
        if not overdue and clean:
            saved = answers_upsert(attempt, questions, clean, timezone.now())
        if submit and not overdue and not errors:
            _submit_locked(locked, now, questions=questions)
    if overdue:
        if attempt.kind == Attempt.Kind.QUIZ:
            attempt_submit(attempt=attempt, now=now)
            raise QuizError(Code.TIME_UP, attempt_id=attempt.pk)
        raise QuizError(Code.CLOSED)
    return SaveResult(saved=saved, errors=errors)


def response_save(
    *,
    attempt: Attempt,
    question_id: int,
    data,
    now: datetime | None = None,
    question: Question | None = None,
) -> Response:
    """Save one answer (autosave). Saving the same answer again is the same row, unchanged.

    The most frequent write of all, so a readable answer to an open attempt in time is one
    statement (`response_upsert_if_open`). Anything else takes the locked path of `responses_save`,
    which refuses it as before: a closed attempt first (an overdue quiz is closed), then an
    unknown question or an answer that cannot be read. `question`: the caller already read it
    through the attempt (`classroom.selectors.attempt_item_get_writable`), so it is not read
    again."""
    now = _now(now)
    if question is not None and question.pk == question_id:
        questions = {question_id: question}
    else:
        questions = _questions_in(attempt, [question_id])
    if question_id in questions:
        try:
            clean = response_clean(questions[question_id], data)
        except QuizError:
            pass  # refused below, after the attempt's own refusals
        else:
            saved = response_upsert_if_open(attempt, questions[question_id], clean, now)
            if saved is not None:
                return saved
    result = responses_save(attempt=attempt, answers={question_id: data}, now=now, known=questions)
    if question_id in result.errors:
        raise result.errors[question_id]
    return result.saved[question_id]


def response_clean(question: Question, data) -> dict:
    """The answer `data` as it is stored for this question, or QuizError (INVALID_RESPONSE)
    with a message a student can read."""
    qt = registry.get_or_missing(question.type)
    try:
        response = qt.parse_response(data, question.spec_parsed())
    except ResponseError as error:
        raise QuizError(Code.INVALID_RESPONSE, error.message) from error
    return qt.dump_response(response)


def attempt_submit(*, attempt: Attempt, now: datetime | None = None, auto: bool = False) -> Attempt:
    """Grade every item once and close the attempt. Submitting again changes nothing.

    An attempt already past its deadline (and the grace period) is closed as of its deadline,
    automatically, with what was saved by then: the moment of this request does not count."""
    now = _now(now)
    with transaction.atomic():
        # The row lock makes a second, concurrent submit wait, then see SUBMITTED.
        locked = _attempt_locked(attempt.pk, _WHOLE)
        if not locked.is_open:
            return locked
        _submit_locked(locked, now, auto=auto)
    return locked


def _submit_locked(locked: Attempt, now: datetime, *, auto: bool = False, questions=None) -> None:
    """Grade and close an attempt the caller holds locked and open. `questions`: the
    attempt's questions when the caller has them already."""
    if locked.kind == Attempt.Kind.QUIZ and policy.is_past(locked.deadline, now):
        attempts_close_locked_overdue(attempts=[locked])
        return
    # A submit within the grace period left the browser in time: it counts as on time.
    when = now if locked.deadline is None else min(now, locked.deadline)
    attempts_grade_and_close(
        attempts=[locked], submitted_at={locked.pk: when}, auto=auto, questions=questions
    )


def activity_check(
    *, attempt: Attempt, question_id: int, data, now: datetime | None = None
) -> Score:
    """A formative try: save the answer, grade it at once, keep every try (the first counts
    for the teacher's view of first-try correctness)."""
    now = _now(now)
    if attempt.kind != Attempt.Kind.LESSON:
        raise QuizError(Code.UNKNOWN_QUESTION)
    response = response_save(attempt=attempt, question_id=question_id, data=data, now=now)
    graded = grade(response.question, response.data)
    tries = Score.objects.filter(
        attempt=attempt, question=response.question, origin=Score.Origin.CHECK
    ).count()
    score = score_row(
        attempt, graded, Score.Origin.CHECK, response_data=response.data, try_number=tries + 1
    )
    score.save()
    return score
