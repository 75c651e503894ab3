"""Authority over a person: who may act on a student's whole account (issue 13, point 1).

A student is one account shared by every class they join. A teacher's authority follows their
classes: within them, a teacher sees and deletes the student's records; on the account itself
(its password, its username, its existence) a teacher may act only when every class of the
student is theirs. Otherwise the school administrator acts, and the teacher is told so.
This is the one place the rule lives; views call it before showing a form, services before
writing."""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.errors import DomainError

from .models import Classroom, Membership


class AccountAction(StrEnum):
    PASSWORD_RESET = "password_reset"  # noqa: S105 (an action name, not a password)
    USERNAME_CHANGE = "username_change"
    ACCOUNT_DELETE = "account_delete"


class Code(StrEnum):
    SHARED_STUDENT = "shared_student"
    NOT_YOURS = "not_yours"
    REASON_MISSING = "reason_missing"


class AuthorityError(DomainError):
    """A refused action on a person's account."""


ACTION_LABELS = {
    AccountAction.PASSWORD_RESET: _("reset this student's password"),
    AccountAction.USERNAME_CHANGE: _("change this student's username"),
    AccountAction.ACCOUNT_DELETE: _("delete this student's account"),
}


def classes_of_student(*, student: User) -> list[Classroom]:
    """Every class the student is in, archived ones too (one query)."""
    return list(
        Classroom.objects.filter(memberships__student=student)
        .select_related("teacher")
        .order_by("name", "id")
    )


def student_classes_taught_by(*, teacher: User, student: User) -> list[Classroom]:
    """The student's classes that `teacher` teaches: the reach of the teacher's export and
    deletion."""
    return [c for c in classes_of_student(student=student) if c.teacher_id == teacher.pk]


def student_has_other_teachers(*, teacher: User, student: User) -> bool:
    """Whether the student is in a class (archived ones count) that `teacher` does not teach."""
    return Membership.objects.filter(student=student).exclude(classroom__teacher=teacher).exists()


def school_admin_may_act_on(account: User) -> bool:
    """The accounts the school administrator acts on: students and teachers. Never staff, a
    superuser, a content author or another administrator: resetting their password would hand
    the administrator more power than the role has."""
    return (
        account.role in (User.Role.STUDENT, User.Role.TEACHER)
        and not account.is_staff
        and not account.is_superuser
    )


def account_authority_check(*, actor: User, student: User, action: AccountAction) -> None:
    """Raise `AuthorityError` (403) unless `actor` may act on the whole account `student`.

    The school administrator may (on students and teachers, `school_admin_may_act_on`); a
    teacher only on a student every class of whom is theirs (at least one); nobody else. The
    refusal says who can do it."""
    if actor.is_school_admin and school_admin_may_act_on(student):
        return
    if actor.is_teacher and student.is_student:
        mine = Membership.objects.filter(student=student, classroom__teacher=actor).exists()
        if mine and not student_has_other_teachers(teacher=actor, student=student):
            return
        if mine:
            raise AuthorityError(
                Code.SHARED_STUDENT,
                _(
                    "%(name)s is also in a class of another teacher, so their account is not "
                    "yours alone: only the school administrator can %(action)s. Ask your "
                    "school's Source Lab administrator to do it (they will ask for a reason, "
                    "which is kept in the audit log)."
                )
                % {"name": student, "action": ACTION_LABELS[action]},
                status=403,
            )
    raise AuthorityError(
        Code.NOT_YOURS,
        _("Only the student's teacher or the school administrator can %(action)s.")
        % {"action": ACTION_LABELS[action]},
        status=403,
    )


def reason_clean(reason: str) -> str:
    """The reason an account-wide action is audited with: required, kept as typed."""
    reason = (reason or "").strip()
    if not reason:
        raise AuthorityError(
            Code.REASON_MISSING,
            _("Give a reason: it is kept in the audit log with your name."),
            field="reason",
        )
    return reason
