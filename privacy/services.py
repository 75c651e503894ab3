"""A student's data, exported or deleted on request; each request is written to the audit log."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import AuditEntry
from audit.services import audit_record
from classroom.models import AttemptReset, Extension, Membership
from core.personal_data import sections
from quizzes.models import Attempt, Response, Score


def _iso(value):
    return value.isoformat() if value else None


def student_data_export(*, student: User, by: User, classrooms: list | None = None) -> dict:
    """What Source Lab holds about one student, as JSON-ready data (a fixed number of queries
    however much work the student did): everything, or with `classrooms` only the memberships
    and the work in those classes (a teacher's export, issue 13). The LMS's rows (identities,
    grades sent to it) come from the `core.personal_data` sections."""
    memberships = Membership.objects.filter(student=student).select_related("classroom")
    attempts = Attempt.objects.filter(student=student).select_related("lesson")
    responses = Response.objects.filter(attempt__student=student).select_related("question")
    scores = Score.objects.filter(attempt__student=student).select_related("question")
    if classrooms is not None:
        memberships = memberships.filter(classroom__in=classrooms)
        attempts = attempts.filter(assignment__classroom__in=classrooms)
        responses = responses.filter(attempt__assignment__classroom__in=classrooms)
        scores = scores.filter(attempt__assignment__classroom__in=classrooms)
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
    for section in sections():  # the apps beside this one (the LMS links), each its own keys
        data.update(section.export(student, classrooms))
    scope = {} if classrooms is None else {"classes": [c.pk for c in classrooms]}
    audit_record(
        action=AuditEntry.Action.STUDENT_EXPORTED, actor=by, subject_user_id=student.pk, **scope
    )
    return data


@transaction.atomic
def student_records_delete(*, student: User, by: User, reason: str, classrooms: list) -> dict:
    """Delete a student's records in `classrooms` (a teacher's own classes): their work on
    those classes' assignments, extensions and reset records there, and the memberships. The
    account and the work in other classes are kept (issue 13). Audited with the reason."""
    if not student.is_student:
        raise ValueError(_("Only student accounts are deleted here."))
    attempts = Attempt.objects.filter(student=student, assignment__classroom__in=classrooms)
    counts = {
        "attempts": attempts.count(),
        "answers": Response.objects.filter(attempt__in=attempts).count(),
        "classes": Membership.objects.filter(student=student, classroom__in=classrooms).count(),
    }
    for section in sections():
        counts[section.name] = section.erase(student, classrooms)
    attempts.delete()
    for model in (Extension, AttemptReset):
        model.objects.filter(student=student, assignment__classroom__in=classrooms).delete()
    Membership.objects.filter(student=student, classroom__in=classrooms).delete()
    audit_record(
        action=AuditEntry.Action.CLASS_RECORDS_DELETED,
        actor=by,
        subject_user_id=student.pk,
        reason=reason.strip(),
        class_ids=[c.pk for c in classrooms],
        **counts,
    )
    return counts


@transaction.atomic
def student_delete(*, student: User, by: User, reason: str) -> dict:
    """Delete a student and everything they wrote; keep an audit entry without their name."""
    if not student.is_student:
        raise ValueError(_("Only student accounts are deleted here."))
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
