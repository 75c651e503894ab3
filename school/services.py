"""Writes of the school administrator: teacher accounts created, accounts deleted. Password
resets and username changes are `classroom.services.accounts`, shared with teachers; each
write checks the actor's authority (`classroom.authority`) and is audited with a reason."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import user_create
from audit.models import AuditEntry
from audit.services import audit_record
from classroom.authority import (
    AccountAction,
    AuthorityError,
    account_authority_check,
    reason_clean,
)
from classroom.services.accounts import password_generate
from privacy.services import student_delete


@transaction.atomic
def teacher_create(*, username: str, display_name: str, by: User) -> tuple[User, str]:
    """Create a teacher account with a generated password, returned once to hand over.
    A taken or unsafe username is refused at its field. Audited."""
    if not by.is_school_admin:
        raise AuthorityError(
            "not_school_admin",
            _("Only the school administrator creates teacher accounts."),
            status=403,
        )
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise AuthorityError(
            "username_taken", _("That username is already taken."), field="username"
        )
    password = password_generate()
    try:
        teacher = user_create(
            username=username,
            password=password,
            role=User.Role.TEACHER,
            display_name=display_name,
        )
    except ValidationError as error:
        field = "username" if "username" in getattr(error, "error_dict", {}) else None
        raise AuthorityError("account_invalid", " ".join(error.messages), field=field) from None
    audit_record(action=AuditEntry.Action.TEACHER_CREATED, actor=by, subject_user_id=teacher.pk)
    return teacher, password


@transaction.atomic
def account_delete(*, account: User, by: User, reason: str) -> None:
    """Delete a student's account with all their work in every class (`privacy`), or a
    teacher's account that teaches no class. Audited with the reason, without the name."""
    account_authority_check(actor=by, student=account, action=AccountAction.ACCOUNT_DELETE)
    reason = reason_clean(reason)
    if account.is_student:
        student_delete(student=account, by=by, reason=reason)
        return
    if account.classrooms_taught.exists():
        raise AuthorityError(
            "teacher_has_classes",
            _(
                "This teacher still teaches classes, which hold their students' work, so the "
                "account cannot be deleted."
            ),
            status=409,
        )
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username=account.username).delete()
    subject_id = account.pk
    account.delete()
    audit_record(
        action=AuditEntry.Action.ACCOUNT_DELETED,
        actor=by,
        subject_user_id=subject_id,
        reason=reason,
    )
