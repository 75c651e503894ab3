"""Writes on students' attempts: a teacher's score for one item (points, or a level of the
scoring guide), resetting an attempt (docs/decisions/0003-attempt-reset.md), and closing the
overdue attempts of a class before a teacher's page reads it."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from quizzes import services as quiz_services
from quizzes.models import Attempt, Question, Response, Score
from quizzes.types import registry

from ..errors import ClassroomError, Code
from ..models import Assignment, AttemptReset
from ..rubric import rubric_levels
from .classes import check_active


def class_attempts_close_overdue(*, classroom, assignment: Assignment | None = None) -> int:
    """Close the overdue quiz attempts of a class (or of one of its assignments) as of their
    deadlines, so that the grid, the gradebook, a student's work and the exports never show an
    attempt "in progress" that has ended (`quizzes.services.attempts_close_overdue`). One
    query when nothing is overdue. Not refused in an archived class: it finishes what the
    deadline already decided, it changes nothing a teacher chose."""
    if assignment is not None:
        return quiz_services.attempts_close_overdue(assignments=[assignment.pk])
    assignments = Assignment.objects.filter(classroom=classroom).values("pk")
    return quiz_services.attempts_close_overdue(assignments=assignments)


def _check_class_of(attempt: Attempt) -> None:
    """The archived-class rule for a write on an attempt: the class of its assignment."""
    if attempt.assignment_id is not None:
        check_active(attempt.assignment.classroom)


def item_score(
    *, attempt: Attempt, question: Question, points: Decimal, by: User, reason: str
) -> Score:
    """A teacher's score for one item: an override of an automatic score (a reason is required,
    it is the audit record), or the score of an answer never scored automatically (free text).
    Earlier scores are kept; the newest counts."""
    _check_class_of(attempt)
    reason = (reason or "").strip()
    auto = registry.get_or_missing(question.type).auto_graded
    if auto and not reason:
        raise ClassroomError(Code.OVERRIDE_NEEDS_REASON)
    if attempt.kind == Attempt.Kind.LESSON:
        return quiz_services.activity_score(
            attempt=attempt, question=question, points=points, by=by, reason=reason
        )
    origin = Score.Origin.OVERRIDE if auto else Score.Origin.TEACHER
    return quiz_services.score_set(
        attempt=attempt, question=question, points=points, by=by, reason=reason, origin=origin
    )


def rubric_score(
    *, attempt: Attempt, question: Question, level: int, by: User, comment: str = ""
) -> Score:
    """Score a written answer at one level of the lesson's scoring guide."""
    _check_class_of(attempt)
    chosen = next((lv for lv in rubric_levels(question) if lv.level == level), None)
    if chosen is None:
        raise ClassroomError(Code.UNKNOWN_LEVEL)
    reason = _("Level %(level)d (%(label)s).") % {"level": chosen.level, "label": chosen.label}
    if comment.strip():
        reason = f"{reason} {comment.strip()}"
    return item_score(
        attempt=attempt, question=question, points=chosen.points, by=by, reason=reason
    )


def _snapshot(attempt: Attempt) -> dict:
    responses = Response.objects.filter(attempt=attempt).select_related("question")
    scores = Score.objects.filter(attempt=attempt).select_related("question", "created_by")
    return {
        "item_order": attempt.item_order,
        "deadline": attempt.deadline.isoformat() if attempt.deadline else None,
        "responses": [
            {
                "question": r.question.key,
                "version": r.question.version,
                "question_id": r.question_id,
                "data": r.data,
                "revision": r.revision,
                "updated_at": r.updated_at.isoformat(),
            }
            for r in responses.order_by("question_id")
        ],
        "scores": [
            {
                "question": s.question.key,
                "question_id": s.question_id,
                "origin": s.origin,
                "state": s.state,
                "points_earned": str(s.points_earned),
                "points_possible": str(s.points_possible),
                "created_at": s.created_at.isoformat(),
                "created_by": s.created_by.username if s.created_by else None,
                "reason": s.reason,
            }
            for s in scores.order_by("id")
        ],
    }


@transaction.atomic
def attempt_reset(*, attempt: Attempt, by: User, reason: str) -> AttemptReset:
    """Let a student start an attempt again (a crash, a fire drill, the wrong student at the
    keyboard). Only the latest attempt of its kind can be reset, so attempt numbers stay a
    sequence and the attempts allowed still count. The attempt is deleted with its answers
    and scores; an AttemptReset row keeps a snapshot of them, who reset it, when and why."""
    reason = (reason or "").strip()
    if not reason:
        raise ClassroomError(Code.RESET_NEEDS_REASON)
    if attempt.assignment_id is None:
        raise ClassroomError(Code.RESET_NOT_ON_ASSIGNMENT)
    _check_class_of(attempt)
    locked = Attempt.objects.select_for_update().filter(pk=attempt.pk).first()
    if locked is None:
        raise ClassroomError(Code.ALREADY_RESET)
    newer = Attempt.objects.filter(
        student_id=locked.student_id,
        assignment_id=locked.assignment_id,
        kind=locked.kind,
        number__gt=locked.number,
    ).exists()
    if newer:
        raise ClassroomError(Code.RESET_NOT_LATEST)
    record = AttemptReset.objects.create(
        assignment_id=locked.assignment_id,
        student_id=locked.student_id,
        kind=locked.kind,
        number=locked.number,
        status=locked.status,
        started_at=locked.started_at,
        submitted_at=locked.submitted_at,
        points_earned=locked.points_earned,
        points_possible=locked.points_possible,
        snapshot=_snapshot(locked),
        reset_by=by,
        reason=reason,
    )
    locked.delete()
    return record
