"""The school administrator links LMS identities to accounts (issue 17): a person launched
from two platforms is two accounts until the administrator merges one into the other.

Linking account B into account A moves every LMS identity of B to A, and B's work with them
(memberships, attempts, extensions, reset records, grades sent to an LMS; a teacher's classes),
so that a launch from B's platform lands in A with all of it. It is refused, with the reason,
when it could lose or mix up anything: both accounts have work in the same assignment (or
practice on the same lesson) — attempts are numbered per student, and merging two sets would
leave two first attempts or make the school choose whose counts —, B signs in with a password
of its own, the roles differ, or A already has an identity on one of B's platforms. B, left with
nothing, is deactivated, not deleted, so the audit log and scores it gave still name it.
Unlinking gives one identity a new account without a password; the work stays where it is."""

import hashlib
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from lti_tool.models import LtiUser

from accounts.models import User
from accounts.services import user_create
from audit.models import AuditEntry
from audit.services import audit_record
from classroom.authority import reason_clean, school_admin_may_act_on
from classroom.models import AttemptReset, Classroom, Extension, JoinRequest, Membership
from quizzes.models import Attempt

from ..errors import Code, LtiError
from ..models import GradeSync, RosterMember


@dataclass(frozen=True)
class Clash:
    """Work of both accounts on one assignment, or practice on one lesson: a link is refused."""

    label: str


def _check_admin(by: User, *accounts: User) -> None:
    if not by.is_school_admin or not all(school_admin_may_act_on(a) for a in accounts):
        raise LtiError(Code.NOT_SCHOOL_ADMIN, status=403)


def _work_keys(account: User) -> dict[tuple, str]:
    """Each assignment (or, for practice, lesson) the account has work in, with its title."""
    keys = {}
    attempts = Attempt.objects.filter(student=account).select_related("assignment", "lesson")
    for attempt in attempts:
        key = ("a", attempt.assignment_id) if attempt.assignment_id else ("l", attempt.lesson_id)
        keys[key] = attempt.lesson.title
    for model in (Extension, AttemptReset):
        for row in model.objects.filter(student=account).select_related("assignment__lesson"):
            keys[("a", row.assignment_id)] = row.assignment.lesson.title
    return keys


def link_clashes(*, source: User, target: User) -> list[Clash]:
    """Where both accounts have work: the reason a link is refused (empty: none)."""
    mine, theirs = _work_keys(target), _work_keys(source)
    return [Clash(label) for key, label in sorted(mine.items()) if key in theirs]


def link_refusal(*, source: User, target: User) -> str | None:
    """Why `source` cannot be merged into `target`, in words for the administrator, or None."""
    if source.pk == target.pk:
        return _("These are the same account.")
    if source.role != target.role:
        return _("One account is a teacher's and the other a student's: an account cannot be both.")
    if not LtiUser.objects.filter(auth_user=source).exists():
        return _("%(name)s has no LMS identity to link.") % {"name": source}
    if source.has_usable_password():
        return _(
            "%(name)s also signs in with a password, so merging it would take that sign-in "
            "away. Link the other way round: open %(name)s and link this account's identity "
            "to it."
        ) % {"name": source}
    platforms = LtiUser.objects.filter(auth_user=source).values("registration")
    if LtiUser.objects.filter(auth_user=target, registration__in=platforms).exists():
        return _(
            "%(target)s already has an identity on the same LMS platform as %(name)s; one "
            "account holds one identity per platform, so the LMS's grades go to one person."
        ) % {"target": target, "name": source}
    clashes = link_clashes(source=source, target=target)
    if clashes:
        return _(
            "Both accounts have work in: %(lessons)s. Merging would put two sets of attempts "
            "in one place, and nothing decides which one counts, so Source Lab does not merge "
            "them. Ask the teacher to reset one account's attempts there first (the reset is "
            "kept in the audit log), then link again."
        ) % {"lessons": ", ".join(c.label for c in clashes)}
    return None


@transaction.atomic
def identity_link(*, source: User, target: User, by: User, reason: str) -> list[LtiUser]:
    """Merge `source` into `target`: its LMS identities and its work move (module docstring).
    Returns the identities moved. Audited on both accounts with the reason."""
    _check_admin(by, source, target)
    reason = reason_clean(reason)
    refusal = link_refusal(source=source, target=target)
    if refusal:
        raise LtiError(Code.LINK_REFUSED, refusal, status=409)
    identities = list(LtiUser.objects.filter(auth_user=source))
    LtiUser.objects.filter(auth_user=source).update(auth_user=target)
    _move_work(source=source, target=target)
    source.is_active = False
    source.save(update_fields=["is_active"])
    details = {
        "from_account": source.pk,
        "to_account": target.pk,
        "identities": [i.pk for i in identities],
    }
    for subject in (target, source):
        audit_record(
            action=AuditEntry.Action.LMS_IDENTITY_LINKED,
            actor=by,
            subject_user_id=subject.pk,
            reason=reason,
            **details,
        )
    return identities


def _move_work(*, source: User, target: User) -> None:
    """Every row that is the source's moves to the target. Rows both have (a class both are
    in, a request to join it, the LMS's mark that it put them there) are kept once."""
    for model, scope in (
        (Membership, "classroom"),
        (JoinRequest, "classroom"),
        (RosterMember, "course"),
    ):
        both = model.objects.filter(student=target).values(scope)
        model.objects.filter(student=source, **{f"{scope}__in": both}).delete()
        model.objects.filter(student=source).update(student=target)
    for model in (Attempt, Extension, AttemptReset, GradeSync):
        model.objects.filter(student=source).update(student=target)
    Classroom.objects.filter(teacher=source).update(teacher=target)


@transaction.atomic
def identity_unlink(*, identity: LtiUser, by: User, reason: str) -> User:
    """Give one LMS identity a new account without a password (and no work: the work stays
    with the account it was done in). Refused when the identity is its account's only way to
    sign in. Returns the new account. Audited on both."""
    account = identity.auth_user
    if account is None:
        raise LtiError(Code.LINK_REFUSED, _("This identity has no account."), status=409)
    _check_admin(by, account)
    reason = reason_clean(reason)
    others = LtiUser.objects.filter(auth_user=account).exclude(pk=identity.pk).exists()
    if not others and not account.has_usable_password():
        raise LtiError(Code.UNLINK_LAST_SIGN_IN, status=409)
    new = user_create(
        username=_free_username(identity),
        password=None,
        role=account.role,
        display_name=account.display_name,
    )
    identity.auth_user = new
    identity.save(update_fields=["auth_user"])
    # Grades not yet sent under this identity were the old account's: they are not sent.
    GradeSync.objects.filter(lti_user=identity, student=account).exclude(
        status=GradeSync.Status.SENT
    ).delete()
    for subject in (account, new):
        audit_record(
            action=AuditEntry.Action.LMS_IDENTITY_UNLINKED,
            actor=by,
            subject_user_id=subject.pk,
            reason=reason,
            from_account=account.pk,
            to_account=new.pk,
            identity=identity.pk,
        )
    return new


def _free_username(identity: LtiUser) -> str:
    digest = hashlib.sha256(f"{identity.registration_id}:{identity.sub}".encode()).hexdigest()
    base = f"lti-{identity.registration_id}-{digest[:16]}"
    taken = set(
        User.objects.filter(Q(username=base) | Q(username__startswith=f"{base}-")).values_list(
            "username", flat=True
        )
    )
    if base not in taken:
        return base
    return next(f"{base}-{n}" for n in range(2, len(taken) + 3) if f"{base}-{n}" not in taken)
