"""Writes on classes, rosters, assignments, extensions and attempt resets.

Keyword-only functions named `<entity>_<verb>`. They validate before they write and raise
`ValueError` (or `RosterInvalid`, `QuizError`) with a message a teacher can read; a function that
writes several rows is atomic. Access (is this the teacher's class?) is checked by the caller
through `classroom.selectors`; these functions enforce the rules of the data."""

import os
import secrets
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from axes.utils import reset as axes_reset
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import user_create
from quizzes import services as quiz_services
from quizzes.models import Attempt, GradingMethod, Question, Response, Score
from quizzes.policy import QuizSettings
from quizzes.types import registry

from .models import Assignment, AttemptReset, Classroom, Extension, Membership, join_code_generate
from .roster import RosterError, RosterRow
from .rubric import rubric_levels

NAME_MAX = Classroom._meta.get_field("name").max_length

# --- classes -------------------------------------------------------------------------------


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValueError(_("Give the class a name."))
    if len(name) > NAME_MAX:
        raise ValueError(_("A class name has at most %d characters.") % NAME_MAX)
    return name


def classroom_create(*, teacher: User, name: str) -> Classroom:
    if not teacher.is_teacher:
        raise ValueError("Only teachers own classes.")
    return Classroom.objects.create(teacher=teacher, name=_clean_name(name))


def classroom_rename(*, classroom: Classroom, name: str) -> Classroom:
    classroom.name = _clean_name(name)
    classroom.save(update_fields=["name"])
    return classroom


def classroom_archive(*, classroom: Classroom, now: datetime | None = None) -> Classroom:
    """Archived classes leave the teacher's list and the students' pages, and cannot be joined;
    nothing is deleted, and restoring brings everything back."""
    if classroom.archived_at is None:
        classroom.archived_at = now or timezone.now()
        classroom.save(update_fields=["archived_at"])
    return classroom


def classroom_restore(*, classroom: Classroom) -> Classroom:
    if classroom.archived_at is not None:
        classroom.archived_at = None
        classroom.save(update_fields=["archived_at"])
    return classroom


def join_code_regenerate(*, classroom: Classroom) -> str:
    """A new join code; the old one stops working at once (e.g. after it leaked)."""
    for _attempt in range(10):
        code = join_code_generate()
        try:
            with transaction.atomic():
                Classroom.objects.filter(pk=classroom.pk).update(join_code=code)
        except IntegrityError:
            continue  # taken by another class: 31**8 codes make this rare
        classroom.join_code = code
        return code
    raise RuntimeError("Could not find a free join code.")  # pragma: no cover


# --- memberships and accounts ----------------------------------------------------------------


@transaction.atomic
def membership_add(*, classroom: Classroom, student: User) -> Membership:
    """Add a student to a class; adding twice is one membership."""
    if not student.is_student:
        raise ValueError("Only students join classes.")
    membership, _created = Membership.objects.get_or_create(classroom=classroom, student=student)
    return membership


def membership_remove(*, classroom: Classroom, student: User) -> bool:
    """Take a student out of a class. Their account and work are kept: added back, they find
    their attempts where they left them. Returns whether they were a member."""
    deleted, _rows = Membership.objects.filter(classroom=classroom, student=student).delete()
    return bool(deleted)


# No 0/o, 1/l/i: passwords are read off paper.
READABLE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def password_generate() -> str:
    """Three groups of four: easy to type from a printed sheet, about 59 bits of entropy."""
    return "-".join(
        "".join(secrets.choice(READABLE_ALPHABET) for _i in range(4)) for _g in range(3)
    )


def _require_member(classroom: Classroom, student: User) -> None:
    if not Membership.objects.filter(classroom=classroom, student=student).exists():
        raise ValueError(_("That student is not in this class."))


def student_password_reset(*, classroom: Classroom, student: User) -> str:
    """Give a student of the class a new generated password, returned once to show the
    teacher; the old password stops working and a login lockout on the account is lifted."""
    _require_member(classroom, student)
    password = password_generate()
    student.set_password(password)
    student.save(update_fields=["password"])
    axes_reset(username=student.username)
    return password


@dataclass(frozen=True)
class Credential:
    username: str
    display_name: str
    password: str


class RosterInvalid(ValueError):
    def __init__(self, errors: list[RosterError]) -> None:
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors))


def _hash_all(passwords: list[str]) -> list[str]:
    """Password hashing is slow on purpose; hashlib releases the GIL, so threads use every core."""
    workers = max(1, min(4, os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(make_password, passwords))


def roster_import(*, classroom: Classroom, rows: list[RosterRow]) -> list[Credential]:
    """Create a student account for every row, with a generated password, and add them all to
    the class. Every row is checked first (a username already taken is reported by its line);
    then all accounts are written in one transaction, or none."""
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


# --- assignments ---------------------------------------------------------------------------


def _check_dates(opens_at: datetime, due_at: datetime, late_until: datetime | None) -> None:
    if due_at <= opens_at:
        raise ValueError("The due date must come after the opening date.")
    if late_until is not None and late_until < due_at:
        raise ValueError(_("Late work can only be accepted until a date after the due date."))


def _check_settings(settings: dict) -> None:
    unknown = set(settings) - set(QuizSettings.field_names())
    if unknown:
        raise ValueError(f"Unknown quiz settings: {', '.join(sorted(unknown))}")
    method = settings.get("grading_method")
    if method is not None and method not in GradingMethod.values:
        raise ValueError(_("Unknown grading method."))


def assignment_create(
    *, classroom: Classroom, lesson, opens_at, due_at, late_until=None, **settings
) -> Assignment:
    """Assign a lesson to a class; quiz settings start from the lesson's defaults."""
    _check_dates(opens_at, due_at, late_until)
    _check_settings(settings)
    defaults = QuizSettings.from_obj(lesson.quiz).as_dict() | settings
    return Assignment.objects.create(
        classroom=classroom,
        lesson=lesson,
        opens_at=opens_at,
        due_at=due_at,
        late_until=late_until,
        **defaults,
    )


@transaction.atomic
def assignment_update(
    *, assignment: Assignment, opens_at, due_at, late_until=None, **settings
) -> Assignment:
    """New dates or quiz settings. Attempts in progress get their deadlines recomputed at once;
    submitted attempts keep their scores (grading method changes apply to how they combine)."""
    _check_dates(opens_at, due_at, late_until)
    _check_settings(settings)
    assignment.opens_at, assignment.due_at, assignment.late_until = opens_at, due_at, late_until
    for name, value in settings.items():
        setattr(assignment, name, value)
    assignment.save()
    quiz_services.attempt_deadlines_refresh(assignment=assignment)
    return assignment


def join_code_normalise(code: str) -> str:
    """Codes are read from a board: ignore case, spaces and dashes."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


@transaction.atomic
def membership_join(*, student: User, join_code: str) -> Membership:
    """A student joins a class with its code; joining twice is one membership."""
    classroom = Classroom.objects.filter(
        join_code=join_code_normalise(join_code), archived_at=None
    ).first()
    if classroom is None:
        raise ValueError("No open class has that join code.")
    return membership_add(classroom=classroom, student=student)


@transaction.atomic
def student_signup(*, username: str, password: str, join_code: str, display_name: str = ""):
    """Create a student account and join a class with its code, both or neither.

    Raises ValueError when no open class has the code (and no account is created), and
    django.core.exceptions.ValidationError when the username is taken or invalid."""
    user = user_create(
        username=username, password=password, role=User.Role.STUDENT, display_name=display_name
    )
    membership = membership_join(student=user, join_code=join_code)
    return user, membership


# --- extensions ----------------------------------------------------------------------------


@transaction.atomic
def extension_set(
    *,
    assignment: Assignment,
    student: User,
    due_at: datetime | None = None,
    extra_minutes: int = 0,
) -> Extension:
    """More time for one student: a later due date, extra minutes on the time limit, or both.
    Setting it again replaces it; an attempt in progress gets the new deadline at once."""
    _require_member(assignment.classroom, student)
    if due_at is None and not extra_minutes:
        raise ValueError(_("Give a later due date, extra minutes, or both."))
    if extra_minutes < 0:
        raise ValueError(_("Extra minutes cannot be negative."))
    if due_at is not None and due_at <= assignment.due_at:
        raise ValueError(_("The extended due date must come after the class's due date."))
    extension, _created = Extension.objects.update_or_create(
        assignment=assignment,
        student=student,
        defaults={"due_at": due_at, "extra_minutes": extra_minutes},
    )
    quiz_services.attempt_deadlines_refresh(assignment=assignment, student=student)
    return extension


@transaction.atomic
def extension_delete(*, assignment: Assignment, student: User) -> bool:
    deleted, _rows = Extension.objects.filter(assignment=assignment, student=student).delete()
    if deleted:
        quiz_services.attempt_deadlines_refresh(assignment=assignment, student=student)
    return bool(deleted)


# --- scores and resets ---------------------------------------------------------------------


def item_score(
    *, attempt: Attempt, question: Question, points: Decimal, by: User, reason: str
) -> Score:
    """A teacher's score for one item: an override of an automatic score (a reason is required,
    it is the audit record), or the score of an answer never scored automatically (free text).
    Earlier scores are kept; the newest counts."""
    reason = (reason or "").strip()
    auto = registry.get_or_missing(question.type).auto_graded
    if auto and not reason:
        raise ValueError(_("Give a reason for changing an automatic score."))
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
    chosen = next((lv for lv in rubric_levels(question) if lv.level == level), None)
    if chosen is None:
        raise ValueError(_("That level is not in the scoring guide."))
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
        raise ValueError(_("Give a reason for the reset; it is kept with the record."))
    if attempt.assignment_id is None:
        raise ValueError(_("Only attempts on an assignment can be reset."))
    locked = Attempt.objects.select_for_update().filter(pk=attempt.pk).first()
    if locked is None:
        raise ValueError(_("That attempt was already reset."))
    newer = Attempt.objects.filter(
        student_id=locked.student_id,
        assignment_id=locked.assignment_id,
        kind=locked.kind,
        number__gt=locked.number,
    ).exists()
    if newer:
        raise ValueError(_("Reset the student's latest attempt first."))
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
