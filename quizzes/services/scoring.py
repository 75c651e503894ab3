"""Writes on scores: grading a stored answer, a teacher's score or override (audited), the
totals an attempt caches. Scores are only ever added
(docs/decisions/0001-answers-and-scores-are-rows.md); regrading after a key change is
`regrade.py`."""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db import connection, transaction
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import AuditEntry
from audit.services import audit_record
from core.sql import prepared_cursor
from lessons.models import StepKind

from .. import policy, selectors
from ..errors import Code, QuizError
from ..models import Attempt, Question, Response, Score
from ..signals import attempt_total_changed
from ..types import GradeState, registry


@dataclass(frozen=True)
class Graded:
    question: Question
    points_earned: Decimal
    points_possible: Decimal
    state: GradeState
    fraction: Fraction
    result: dict


def grade(question: Question, data: dict | None) -> Graded:
    """Grade one stored answer against the question version it answered (a question whose
    type is no longer registered is ungraded, whatever was stored)."""
    qt = registry.get_or_missing(question.type)
    spec = question.spec_parsed()
    result = qt.grade(spec, qt.empty_response(spec) if data is None else data)
    return Graded(
        question=question,
        points_earned=policy.points_for(result.fraction, question.points),
        points_possible=Decimal(question.points),
        state=result.state,
        fraction=result.fraction,
        result=result.as_dict(),
    )


def score_row(attempt: Attempt, graded: Graded, origin: str, **extra) -> Score:
    return Score(
        attempt=attempt,
        question=graded.question,
        origin=origin,
        state=graded.state,
        fraction=str(graded.fraction),
        points_earned=graded.points_earned,
        points_possible=graded.points_possible,
        parts=graded.result["parts"],
        feedback=graded.result["feedback"],
        **extra,
    )


def scores_insert(rows: list[Score]) -> None:
    """Insert new Score rows in plain INSERTs, batched as `bulk_create` batches them. Each
    value is prepared by its field as the ORM prepares it; the ids are not read back. A
    submit writes one row per item: `bulk_create`'s own machinery for them (the insert's
    compiler, the ids returned) cost more than the values themselves."""
    if not rows:
        return
    fields = [f for f in Score._meta.concrete_fields if not f.primary_key]
    ops = connection.ops
    columns = ", ".join(ops.quote_name(f.column) for f in fields)
    one_row = "({})".format(", ".join(["%s"] * len(fields)))
    batch = max(ops.bulk_batch_size(fields, rows), 1)
    with prepared_cursor() as cursor:
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            params = [
                f.get_db_prep_save(f.pre_save(row, True), connection)  # auto_now_add as well
                for row in chunk
                for f in fields
            ]
            values = ", ".join([one_row] * len(chunk))
            table = ops.quote_name(Score._meta.db_table)
            cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {values}", params)  # noqa: S608


def totals_refresh(attempt: Attempt) -> None:
    """Recompute an attempt's totals from the newest score of each question."""
    latest = selectors.scores_latest(attempts=[attempt.pk])
    attempt.points_earned = sum((s.points_earned for s in latest.values()), Decimal(0))
    attempt.points_possible = sum((s.points_possible for s in latest.values()), Decimal(0))
    attempt.needs_scoring = any(s.state == GradeState.UNGRADED for s in latest.values())
    attempt.regraded = any(s.origin == Score.Origin.REGRADE for s in latest.values())
    attempt.save(update_fields=["points_earned", "points_possible", "needs_scoring", "regraded"])
    attempt_total_changed.send(
        sender=Attempt, attempt_id=attempt.pk, assignment_id=attempt.assignment_id
    )


@transaction.atomic
def score_set(
    *,
    attempt: Attempt,
    question: Question,
    points: Decimal,
    by: User,
    reason: str,
    origin: str = Score.Origin.OVERRIDE,
) -> Score:
    """A teacher's score for one item (an override, or scoring free text). Earlier scores stay."""
    if attempt.is_open:
        raise QuizError(Code.NOT_ALLOWED, _("Score an attempt once it is submitted."))
    if question.pk not in attempt.item_order:
        raise QuizError(Code.UNKNOWN_QUESTION)
    return _teacher_score(
        attempt=attempt, question=question, points=points, by=by, reason=reason, origin=origin
    )


def _teacher_score(
    *,
    attempt: Attempt,
    question: Question,
    points: Decimal,
    by: User,
    reason: str,
    origin: str,
    response_data=None,
) -> Score:
    """Add a teacher's Score row, refresh the attempt's totals and write the audit entry."""
    possible = Decimal(question.points)
    if not Decimal(0) <= points <= possible:
        raise QuizError(
            Code.INVALID_RESPONSE,
            _("Points must be between 0 and %(possible)s.") % {"possible": possible},
        )
    fraction = Fraction(points) / question.points
    score = Score.objects.create(
        attempt=attempt,
        question=question,
        origin=origin,
        state=GradeState.of(fraction),
        fraction=str(fraction),
        points_earned=points,
        points_possible=possible,
        response_data=response_data,
        created_by=by,
        reason=reason.strip(),
    )
    previous_total = attempt.points_earned
    totals_refresh(attempt)
    audit_record(
        action=AuditEntry.Action.SCORE_OVERRIDE,
        actor=by,
        subject_user_id=attempt.student_id,
        reason=score.reason,
        attempt=attempt.pk,
        question=question.key,
        origin=origin,
        points=str(points),
        attempt_total_before=str(previous_total),
        attempt_total_after=str(attempt.points_earned),
    )
    return score


@transaction.atomic
def activity_score(
    *,
    attempt: Attempt,
    question: Question,
    points: Decimal,
    by: User,
    reason: str = "",
) -> Score:
    """A teacher's score for a lesson activity that is never scored automatically (the
    reflection). Lesson work has no submit, so the attempt may still be open; the answer that
    was scored is kept in the row (`response_data`), so a later edit shows as changed. Earlier
    scores stay; the newest counts, as everywhere."""
    if attempt.kind != Attempt.Kind.LESSON:
        raise QuizError(Code.UNKNOWN_QUESTION, _("Quiz items are scored with score_set."))
    if question.lesson_id != attempt.lesson_id or question.step.kind == StepKind.QUIZ:
        raise QuizError(Code.UNKNOWN_QUESTION)
    if registry.get_or_missing(question.type).auto_graded:
        raise QuizError(Code.NOT_ALLOWED, _("This activity is scored automatically."))
    response = Response.objects.filter(attempt=attempt, question=question).first()
    if response is None:
        raise QuizError(Code.NOT_ALLOWED, _("There is no answer to score yet."))
    return _teacher_score(
        attempt=attempt,
        question=question,
        points=points,
        by=by,
        reason=reason,
        origin=Score.Origin.TEACHER,
        response_data=response.data,
    )
