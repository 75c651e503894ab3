"""A student's data, exported or deleted on request; each request is written to the audit log."""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from audit.models import AuditEntry
from audit.services import audit_record
from classroom.models import Membership
from quizzes.models import Attempt, Response, Score


def _iso(value):
    return value.isoformat() if value else None


def student_data_export(*, student: User, by: User) -> dict:
    """Everything Source Lab holds about one student, as JSON-ready data (a fixed number of
    queries however much work the student did)."""
    memberships = Membership.objects.filter(student=student).select_related("classroom")
    attempts = Attempt.objects.filter(student=student).select_related("lesson")
    responses = Response.objects.filter(attempt__student=student).select_related("question")
    scores = Score.objects.filter(attempt__student=student).select_related("question")
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "username": student.username,
            "display_name": student.display_name,
            "role": student.role,
            "date_joined": _iso(student.date_joined),
            "last_login": _iso(student.last_login),
        },
        "classes": [
            {"class": m.classroom.name, "joined_at": _iso(m.joined_at)} for m in memberships
        ],
        "attempts": [
            {
                "id": a.pk,
                "lesson": a.lesson.slug,
                "kind": a.kind,
                "number": a.number,
                "status": a.status,
                "started_at": _iso(a.started_at),
                "submitted_at": _iso(a.submitted_at),
                "points_earned": str(a.points_earned) if a.points_earned is not None else None,
                "points_possible": str(a.points_possible)
                if a.points_possible is not None
                else None,
            }
            for a in attempts
        ],
        "answers": [
            {
                "attempt": r.attempt_id,
                "question": r.question.key,
                "question_version": r.question.version,
                "answer": r.data,
                "saved_at": _iso(r.updated_at),
            }
            for r in responses
        ],
        "scores": [
            {
                "attempt": s.attempt_id,
                "question": s.question.key,
                "origin": s.origin,
                "points_earned": str(s.points_earned),
                "points_possible": str(s.points_possible),
                "reason": s.reason,
                "at": _iso(s.created_at),
            }
            for s in scores
        ],
    }
    audit_record(action=AuditEntry.Action.STUDENT_EXPORTED, actor=by, subject_user_id=student.pk)
    return data


@transaction.atomic
def student_delete(*, student: User, by: User, reason: str) -> dict:
    """Delete a student and everything they wrote; keep an audit entry without their name."""
    if not student.is_student:
        raise ValueError("Only student accounts are deleted here.")
    counts = {
        "attempts": Attempt.objects.filter(student=student).count(),
        "answers": Response.objects.filter(attempt__student=student).count(),
        "classes": Membership.objects.filter(student=student).count(),
    }
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    # Login records carry the username too.
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username=student.username).delete()
    subject_id = student.pk
    student.delete()
    audit_record(
        action=AuditEntry.Action.STUDENT_DELETED,
        actor=by,
        subject_user_id=subject_id,
        reason=reason.strip(),
        **counts,
    )
    return counts
