"""Writes on the audit log. Entries are only ever added."""

from accounts.models import User

from .models import AuditEntry


def audit_record(
    *, action: str, actor: User | None, subject_user_id=None, reason="", **details
) -> AuditEntry:
    return AuditEntry.objects.create(
        action=action,
        actor=actor,
        subject_user_id=subject_user_id,
        reason=reason,
        details=details,
    )
