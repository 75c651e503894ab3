"""Closing quiz attempts: grading what was saved and marking the attempt submitted, whether the
student submits or the attempt ran past its deadline.

An overdue attempt is closed by `attempts_close_overdue`, as of its deadline (not as of the
request that noticed it), by whoever reaches it first: the student's pages, the teacher's
pages and exports, or the scheduled job (`quizzes.tasks`). It is idempotent and safe when two
run at once: the rows are locked and re-read inside the transaction (on SQLite the
transaction itself is exclusive), so an attempt is graded once. It closes in batches, in a
fixed number of queries per batch, whatever the size of the class.
See docs/decisions/0010-overdue-attempts.md."""

from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from core.rows import fields_named
from core.rows import values as column_values
from core.sql import prepared_cursor

from .. import policy
from ..models import Attempt, Question, Response, Score
from ..signals import attempt_total_changed
from ..types import registry
from .scoring import grade, score_row, scores_insert

# Saved answers per attempt: {attempt id: {question id: (data, updated_at)}}.
Answers = dict[int, dict[int, tuple[object, datetime]]]

BATCH_SIZE = 200
# What closing an attempt writes on it.
CLOSING_FIELDS = (
    "status",
    "submitted_at",
    "auto_submitted",
    "points_earned",
    "points_possible",
    "needs_scoring",
)


_ANSWER_COLUMNS = ("attempt", "question", "data", "updated_at")


def _answers(attempts: list[Attempt]) -> Answers:
    answers: Answers = {a.pk: {} for a in attempts}
    if len(attempts) == 1:
        # A student's submit, the most frequent: one statement of one shape, written by hand
        # (`core.rows`). A batch has as many shapes as sizes: the ORM's, never prepared.
        rows = column_values(Response, _ANSWER_COLUMNS, "t.attempt_id = %s", [attempts[0].pk])
    else:
        rows = Response.objects.filter(attempt__in=[a.pk for a in attempts]).values_list(
            *_ANSWER_COLUMNS
        )
    for attempt_id, question_id, data, updated_at in rows:
        answers[attempt_id][question_id] = (data, updated_at)
    return answers


def attempts_grade_and_close(
    *,
    attempts: list[Attempt],
    submitted_at: dict[int, datetime],
    auto: bool,
    answers: Answers | None = None,
    questions: Mapping[int, Question] | None = None,
) -> None:
    """Grade every item of each attempt once with its saved answers and mark it submitted at
    `submitted_at[attempt.pk]`. The caller holds the attempts locked and open (inside its
    transaction). Queries do not grow with the number of attempts. `questions`: the caller's,
    read again only if some item is missing."""
    if not attempts:
        return
    answers = _answers(attempts) if answers is None else answers
    wanted = {qid for a in attempts for qid in a.item_order}
    if questions is None or not wanted <= questions.keys():
        questions = Question.objects.in_bulk(wanted)
    rows: list[Score] = []
    for attempt in attempts:
        saved = answers[attempt.pk]
        scores = [
            score_row(
                attempt,
                grade(questions[qid], saved[qid][0] if qid in saved else None),
                Score.Origin.SUBMIT,
            )
            for qid in attempt.item_order
        ]
        rows += scores
        attempt.status = Attempt.Status.SUBMITTED
        attempt.submitted_at = submitted_at[attempt.pk]
        attempt.auto_submitted = auto
        attempt.points_earned = sum((s.points_earned for s in scores), Decimal(0))
        attempt.points_possible = sum((s.points_possible for s in scores), Decimal(0))
        attempt.needs_scoring = any(
            not registry.get_or_missing(questions[qid].type).auto_graded
            for qid in attempt.item_order
        )
    scores_insert(rows)
    if len(attempts) == 1:  # a student's submit: a plain UPDATE, not bulk_update's CASEs
        _close_one(attempts[0])
    else:
        Attempt.objects.bulk_update(attempts, CLOSING_FIELDS)
    for attempt in attempts:
        attempt_total_changed.send(
            sender=Attempt, attempt_id=attempt.pk, assignment_id=attempt.assignment_id
        )


_CLOSE_ONE = "UPDATE quizzes_attempt SET {assignments} WHERE id = %s"


def _close_one(attempt: Attempt) -> None:
    """Write the closing fields of one attempt: written by hand (`core.sql`), each value
    prepared by its field as `update()` prepares it, which cost more to compose than to run."""
    fields = fields_named(Attempt, *CLOSING_FIELDS)
    quote = connection.ops.quote_name
    sql = _CLOSE_ONE.format(assignments=", ".join(f"{quote(f.column)} = %s" for f in fields))
    params = [f.get_db_prep_save(getattr(attempt, f.attname), connection) for f in fields]
    with prepared_cursor() as cursor:
        cursor.execute(sql, [*params, attempt.pk])


def _due_dates(attempts: list[Attempt]) -> dict[int, datetime | None]:
    """Each attempt's student's due date (`policy.student_window`, the one rule). Reads the
    assignment's extensions once per assignment (prefetched by the bulk closer)."""
    extensions: dict[int, dict[int, object]] = {}
    due: dict[int, datetime | None] = {}
    for attempt in attempts:
        assignment = attempt.assignment if attempt.assignment_id else None
        if assignment is None:
            due[attempt.pk] = None
            continue
        if assignment.pk not in extensions:
            extensions[assignment.pk] = {e.student_id: e for e in assignment.extensions.all()}
        extension = extensions[assignment.pk].get(attempt.student_id)
        due[attempt.pk] = policy.student_window(assignment=assignment, extension=extension).due_at
    return due


def attempts_close_locked_overdue(*, attempts: list[Attempt]) -> None:
    """Close overdue attempts the caller holds locked and open, each as of its deadline
    (`policy.closed_at`), graded with what was saved."""
    if not attempts:
        return
    answers = _answers(attempts)
    due = _due_dates(attempts)
    when = {}
    for attempt in attempts:
        saved_at = [updated for _data, updated in answers[attempt.pk].values()]
        when[attempt.pk] = policy.closed_at(
            deadline=attempt.deadline,
            due_at=due[attempt.pk],
            last_activity=max([attempt.started_at, *saved_at]),
        )
    attempts_grade_and_close(attempts=attempts, submitted_at=when, auto=True, answers=answers)


def _overdue(now: datetime) -> QuerySet[Attempt]:
    return Attempt.objects.filter(
        kind=Attempt.Kind.QUIZ,
        status=Attempt.Status.IN_PROGRESS,
        deadline__lt=policy.overdue_before(now),
    )


# `_overdue` for one student, as SQL: the dashboard and a quiz's start ask it on every visit,
# it almost always finds nothing, and composing it with the ORM cost several times running it.
# tests/quizzes/test_overdue_attempts.py holds it to `_overdue`.
_STUDENT_OVERDUE = "t.student_id = %s AND t.kind = %s AND t.status = %s AND t.deadline < %s"


def _student_overdue_ids(student: User, now: datetime, limit: int) -> list[int]:
    """The ids of the student's overdue attempts (`_overdue`), the first `limit` by id."""
    before = connection.ops.adapt_datetimefield_value(policy.overdue_before(now))
    params = [student.pk, Attempt.Kind.QUIZ, Attempt.Status.IN_PROGRESS, before, limit]
    found = column_values(Attempt, ("id",), f"{_STUDENT_OVERDUE} ORDER BY t.id LIMIT %s", params)
    return [pk for (pk,) in found]


def _close_batch(ids: list[int], now: datetime) -> int:
    """Lock the attempts among `ids` that are still open and overdue, and close them. A row
    another closer closed meanwhile no longer matches, so it is not graded twice."""
    with transaction.atomic():
        locked = list(
            _overdue(now)
            .select_for_update(of=("self",))
            .filter(pk__in=ids)
            .select_related("assignment")
            .prefetch_related("assignment__extensions")
            .order_by("pk")
        )
        attempts_close_locked_overdue(attempts=locked)
    return len(locked)


def attempts_close_overdue(
    *,
    now: datetime | None = None,
    student: User | None = None,
    assignments: QuerySet | Iterable | None = None,
    batch_size: int = BATCH_SIZE,
) -> int:
    """Close every quiz attempt whose deadline (plus the grace period of a save in flight) has
    passed, as of its deadline: all of them, or only one student's, or only those on
    `assignments` (a queryset or ids). Returns how many this call closed. With nothing overdue
    it is one query and no write."""
    now = now or timezone.now()
    overdue = None
    if student is None or assignments is not None:  # one student's: `_student_overdue_ids`
        overdue = _overdue(now)
        if student is not None:
            overdue = overdue.filter(student=student)
        if assignments is not None:
            overdue = overdue.filter(assignment__in=assignments)
    closed = 0
    while True:
        if overdue is None:
            ids = _student_overdue_ids(student, now, batch_size)
        else:
            ids = list(overdue.order_by("pk").values_list("pk", flat=True)[:batch_size])
        if ids:
            closed += _close_batch(ids, now)
        if len(ids) < batch_size:
            return closed
