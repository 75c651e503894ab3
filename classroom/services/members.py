"""Writes on the people of a class: adding and removing students, creating their accounts from
a roster, giving one a new password or lifting a login wait. Joining with a code: `joining`."""

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import login_lock_clear

from ..errors import ClassroomError, Code, RosterInvalid
from ..models import Classroom, Membership
from ..roster import RosterError, RosterRow
from .accounts import account_password_reset, password_generate
from .classes import check_active

# --- memberships -----------------------------------------------------------------------------


@transaction.atomic
def membership_add(*, classroom: Classroom, student: User) -> Membership:
    """Add a student to a class; adding twice is one membership."""
    check_active(classroom)
    if not student.is_student:
        raise ClassroomError(Code.NOT_STUDENT)
    membership, _created = Membership.objects.get_or_create(classroom=classroom, student=student)
    return membership


def membership_remove(*, classroom: Classroom, student: User) -> bool:
    """Take a student out of a class. Their account and work are kept: added back, they find
    their attempts where they left them. Returns whether they were a member."""
    check_active(classroom)
    deleted, _rows = Membership.objects.filter(classroom=classroom, student=student).delete()
    return bool(deleted)


def require_member(classroom: Classroom, student: User) -> None:
    if not Membership.objects.filter(classroom=classroom, student=student).exists():
        raise ClassroomError(Code.NOT_MEMBER)


# --- accounts --------------------------------------------------------------------------------


@transaction.atomic
def student_password_reset(*, classroom: Classroom, student: User, by: User, reason: str) -> str:
    """The class's teacher gives a student a new generated password, returned once to show
    them; the old password stops working and a login lockout on the account is lifted.

    The password is the whole account's: refused (`classroom.authority`) when the student is
    also in another teacher's class. Audited with the teacher and the reason."""
    check_active(classroom)
    require_member(classroom, student)
    return account_password_reset(account=student, by=by, reason=reason)


def student_login_unlock(*, classroom: Classroom, student: User) -> int:
    """Lift the wait a student of the class has after wrong passwords (typed by them, or by a
    classmate at the school's address), from the class's list of students. Returns how many
    records of failures were removed (0: there was no wait)."""
    check_active(classroom)
    require_member(classroom, student)
    return login_lock_clear(username=student.username)


@dataclass(frozen=True)
class Credential:
    username: str
    display_name: str
    password: str


def _hash_all(passwords: list[str]) -> list[str]:
    """Password hashing is slow on purpose; hashlib releases the GIL, so threads use every core."""
    workers = max(1, min(4, os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(make_password, passwords))


def roster_import(*, classroom: Classroom, rows: list[RosterRow]) -> list[Credential]:
    """Create a student account for every row, with a generated password, and add them all to
    the class. Every row is checked first (a username already taken is reported by its line);
    then all accounts are written in one transaction, or none. Raises `RosterInvalid`."""
    check_active(classroom)
    if not rows:
        raise RosterInvalid([RosterError(0, _("The file names no students."))])
    wanted = {row.username.lower(): row for row in rows}
    taken = (
        User.objects.annotate(lower=Lower("username"))
        .filter(lower__in=[row.username.lower() for row in rows])
        .values_list("username", flat=True)
    )
    errors = []
    for username in taken:
        row = wanted.get(username.lower())
        if row is not None:
            errors.append(
                RosterError(row.line, _("the username “%s” is already taken.") % row.username)
            )
    users = [
        User(username=row.username, display_name=row.display_name, role=User.Role.STUDENT)
        for row in rows
    ]
    for row, user in zip(rows, users, strict=True):
        try:
            user.full_clean(exclude=["password"], validate_unique=False)
        except ValidationError as error:
            for messages in error.message_dict.values():
                errors.extend(RosterError(row.line, message) for message in messages)
    if errors:
        raise RosterInvalid(sorted(errors, key=lambda e: e.line))

    passwords = [password_generate() for _row in rows]
    for user, hashed in zip(users, _hash_all(passwords), strict=True):
        user.password = hashed
    try:
        with transaction.atomic():
            User.objects.bulk_create(users)
            created = User.objects.filter(username__in=[u.username for u in users])
            Membership.objects.bulk_create(
                Membership(classroom=classroom, student=user) for user in created
            )
    except IntegrityError as error:
        # Someone created one of these usernames a moment ago; nothing was written.
        raise RosterInvalid(
            [RosterError(0, _("A username was taken while importing; try again."))]
        ) from error
    return [
        Credential(row.username, row.display_name, password)
        for row, password in zip(rows, passwords, strict=True)
    ]
