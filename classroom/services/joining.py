"""Joining a class with its code, and the teacher's say over it: closing a class to new
students, an expiry date on the code, and approving (or not) each student who asks to join.

A class that needs approval does not take a student in when they type its code: it records a
`JoinRequest`, which is not a membership, so the student sees nothing of the class (no
assignment, no lesson, no key) until the teacher approves it on the class's list of students.
Guessing codes and creating accounts through one are throttled by the join page
(`learning.join_throttle`); these functions enforce the rules of the data."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.services import user_create

from ..errors import ClassroomError, Code
from ..models import Classroom, JoinRequest, Membership
from .classes import check_active, join_code_normalise
from .members import membership_add


def classroom_for_code(join_code: str, *, now: datetime | None = None) -> Classroom:
    """The class a student may join with `join_code`, or ClassroomError: `NO_OPEN_CLASS` for a
    code that opens no class (none has it, or its class is archived: said the same way, so a
    guesser learns nothing), `JOIN_CLOSED` when the teacher closed the class to new students,
    `JOIN_CODE_EXPIRED` when the code's expiry has passed."""
    now = now or timezone.now()
    code = join_code_normalise(join_code)
    classroom = Classroom.objects.filter(join_code=code, archived_at=None).first() if code else None
    if classroom is None:
        raise ClassroomError(Code.NO_OPEN_CLASS)
    if not classroom.join_open:
        raise ClassroomError(Code.JOIN_CLOSED)
    if classroom.join_code_expires_at is not None and classroom.join_code_expires_at <= now:
        # (the same test as Classroom.join_code_expired, at the given `now`)
        raise ClassroomError(Code.JOIN_CODE_EXPIRED)
    return classroom


@transaction.atomic
def membership_join(
    *, student: User, join_code: str, now: datetime | None = None
) -> Membership | JoinRequest:
    """A student joins a class with its code: a `Membership`, or, when the class needs the
    teacher's approval, a `JoinRequest` (asking twice is one request). A student already in
    the class keeps their membership whatever the class's settings now are."""
    if not student.is_student:
        raise ClassroomError(Code.NOT_STUDENT)
    existing = (
        Membership.objects.select_related("classroom")
        .filter(
            classroom__join_code=join_code_normalise(join_code),
            classroom__archived_at=None,
            student=student,
        )
        .first()
    )
    if existing is not None:
        return existing
    classroom = classroom_for_code(join_code, now=now)
    if classroom.join_approval:
        request, _created = JoinRequest.objects.get_or_create(classroom=classroom, student=student)
        return request
    return membership_add(classroom=classroom, student=student)


@transaction.atomic
def student_signup(
    *,
    username: str,
    password: str,
    join_code: str,
    display_name: str = "",
    now: datetime | None = None,
):
    """Create a student account and join a class with its code (or ask to join it), both or
    neither: (user, Membership or JoinRequest).

    Raises ClassroomError (`NO_OPEN_CLASS`, `JOIN_CLOSED`, `JOIN_CODE_EXPIRED`: no account is
    created) and django.core.exceptions.ValidationError when the username is taken or invalid.
    The code is checked first, so that a wrong code costs no password hashing."""
    classroom_for_code(join_code, now=now)
    user = user_create(
        username=username, password=password, role=User.Role.STUDENT, display_name=display_name
    )
    return user, membership_join(student=user, join_code=join_code, now=now)


def _request_for(classroom: Classroom, student_pk: int) -> JoinRequest:
    request = (
        JoinRequest.objects.select_related("student")
        .filter(classroom=classroom, student_id=student_pk)
        .first()
    )
    if request is None:
        raise ClassroomError(Code.NO_JOIN_REQUEST)
    return request


@transaction.atomic
def join_request_approve(*, classroom: Classroom, student_pk: int) -> Membership:
    """Let a student who asked to join into the class: from now on they see its work."""
    check_active(classroom)
    request = _request_for(classroom, student_pk)
    membership = membership_add(classroom=classroom, student=request.student)
    request.delete()
    return membership


def join_request_reject(*, classroom: Classroom, student_pk: int) -> User:
    """Turn down a student who asked to join. Their account stays (it may belong to other
    classes); they can ask again with the code while the class takes requests: close the
    class or make a new code to stop that."""
    check_active(classroom)
    request = _request_for(classroom, student_pk)
    request.delete()
    return request.student


def join_settings_update(
    *,
    classroom: Classroom,
    join_open: bool,
    join_approval: bool,
    join_code_expires_at: datetime | None,
    now: datetime | None = None,
) -> Classroom:
    """Who may join with the code: open or closed to new students, approval needed or not,
    and when the code stops working (None: never). Students already in the class, and
    requests already made, are not touched."""
    check_active(classroom)
    now = now or timezone.now()
    expires = join_code_expires_at
    if expires is not None and expires != classroom.join_code_expires_at and expires <= now:
        raise ClassroomError(Code.EXPIRY_NOT_LATER)
    classroom.join_open = join_open
    classroom.join_approval = join_approval
    classroom.join_code_expires_at = expires
    classroom.save(update_fields=["join_open", "join_approval", "join_code_expires_at"])
    return classroom
