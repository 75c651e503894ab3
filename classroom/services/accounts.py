"""Writes on a person's whole account: its password, its username (issue 13).

Each checks the actor's authority over the person (`classroom.authority`: the school
administrator, or a teacher of every class of the student), requires a reason and writes an
audit entry with the actor and the reason."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import login_lock_clear
from audit.models import AuditEntry
from audit.services import audit_record

from ..authority import AccountAction, AuthorityError, account_authority_check, reason_clean

# No 0/o, 1/l/i: passwords are read off paper.
READABLE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def password_generate() -> str:
    """Three groups of four: easy to type from a printed sheet, about 59 bits of entropy."""
    return "-".join(
        "".join(secrets.choice(READABLE_ALPHABET) for _i in range(4)) for _g in range(3)
    )


@transaction.atomic
def account_password_reset(*, account: User, by: User, reason: str) -> str:
    """Give the account a new generated password, returned once to show `by`; the old one
    stops working and the login waits on the account are lifted. Audited."""
    account_authority_check(actor=by, student=account, action=AccountAction.PASSWORD_RESET)
    reason = reason_clean(reason)
    password = password_generate()
    account.set_password(password)
    account.save(update_fields=["password"])
    login_lock_clear(username=account.username)
    audit_record(
        action=AuditEntry.Action.PASSWORD_RESET, actor=by, subject_user_id=account.pk, reason=reason
    )
    return password


@transaction.atomic
def account_username_change(*, account: User, username: str, by: User, reason: str) -> User:
    """Give the account another username (the same rule as at sign-up: ASCII letters, digits
    and . _ -, not taken in any case). Login waits on the old name are lifted. Audited; the
    log keeps ids, not names (a deleted student's name must survive nowhere)."""
    account_authority_check(actor=by, student=account, action=AccountAction.USERNAME_CHANGE)
    reason = reason_clean(reason)
    username = username.strip()
    taken = User.objects.filter(username__iexact=username).exclude(pk=account.pk).exists()
    if taken:
        raise AuthorityError(
            "username_taken", _("That username is already taken."), field="username"
        )
    old = account.username
    account.username = username
    try:
        account.full_clean(exclude=["password"], validate_unique=False)
    except ValidationError as error:
        messages = error.message_dict.get("username") or error.messages
        raise AuthorityError("username_invalid", " ".join(messages), field="username") from None
    account.save(update_fields=["username"])
    login_lock_clear(username=old)
    audit_record(
        action=AuditEntry.Action.USERNAME_CHANGED,
        actor=by,
        subject_user_id=account.pk,
        reason=reason,
    )
    return account
