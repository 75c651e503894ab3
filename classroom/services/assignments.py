"""Writes on a class's assignments: assigning a lesson, changing its dates and quiz settings,
and one student's extension."""

from datetime import datetime

from django.db import transaction

from accounts.models import User
from lessons.models import ReadingLevel
from quizzes import services as quiz_services
from quizzes.models import GradingMethod
from quizzes.policy import QuizSettings

from ..errors import ClassroomError, Code
from ..models import Assignment, Classroom, Extension
from .classes import check_active
from .members import require_member


def _check_dates(opens_at: datetime, due_at: datetime, late_until: datetime | None) -> None:
    if due_at <= opens_at:
        raise ClassroomError(Code.DUE_BEFORE_OPENING)
    if late_until is not None and late_until < due_at:
        raise ClassroomError(Code.LATE_BEFORE_DUE)


def _check_settings(settings: dict) -> None:
    unknown = set(settings) - set(QuizSettings.field_names())
    if unknown:
        raise ClassroomError(Code.UNKNOWN_SETTING, names=", ".join(sorted(unknown)))
    method = settings.get("grading_method")
    if method is not None and method not in GradingMethod.values:
        raise ClassroomError(Code.UNKNOWN_GRADING_METHOD)


def assignment_create(
    *,
    classroom: Classroom,
    lesson,
    opens_at,
    due_at,
    late_until=None,
    reading_level: str | None = None,
    **settings,
) -> Assignment:
    """Assign a lesson to a class; quiz settings start from the lesson's defaults.
    ``reading_level``: the texts students see first (each may switch); None: standard."""
    reading_level = reading_level or ReadingLevel.STANDARD
    check_active(classroom)
    _check_dates(opens_at, due_at, late_until)
    _check_settings(settings)
    _check_reading_level(reading_level)
    defaults = QuizSettings.from_obj(lesson.quiz).as_dict() | settings
    return Assignment.objects.create(
        classroom=classroom,
        lesson=lesson,
        opens_at=opens_at,
        due_at=due_at,
        late_until=late_until,
        reading_level=reading_level,
        **defaults,
    )


def _check_reading_level(level: str) -> None:
    if level not in ReadingLevel.values:
        raise ClassroomError(Code.UNKNOWN_READING_LEVEL)


@transaction.atomic
def assignment_update(
    *,
    assignment: Assignment,
    opens_at,
    due_at,
    late_until=None,
    reading_level: str | None = None,
    **settings,
) -> Assignment:
    """New dates or quiz settings. Attempts in progress get their deadlines recomputed at once;
    submitted attempts keep their scores (grading method changes apply to how they combine)."""
    check_active(assignment.classroom)
    _check_dates(opens_at, due_at, late_until)
    _check_settings(settings)
    assignment.opens_at, assignment.due_at, assignment.late_until = opens_at, due_at, late_until
    if reading_level is not None:  # None: unchanged
        _check_reading_level(reading_level)
        assignment.reading_level = reading_level
    for name, value in settings.items():
        setattr(assignment, name, value)
    assignment.save()
    quiz_services.attempt_deadlines_refresh(assignment=assignment)
    return assignment


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
    check_active(assignment.classroom)
    require_member(assignment.classroom, student)
    if due_at is None and not extra_minutes:
        raise ClassroomError(Code.EXTENSION_GIVES_NO_TIME)
    if extra_minutes < 0:
        raise ClassroomError(Code.NEGATIVE_MINUTES)
    if due_at is not None and due_at <= assignment.due_at:
        raise ClassroomError(Code.EXTENSION_NOT_LATER)
    extension, _created = Extension.objects.update_or_create(
        assignment=assignment,
        student=student,
        defaults={"due_at": due_at, "extra_minutes": extra_minutes},
    )
    quiz_services.attempt_deadlines_refresh(assignment=assignment, student=student)
    return extension


@transaction.atomic
def extension_delete(*, assignment: Assignment, student: User) -> bool:
    check_active(assignment.classroom)
    deleted, _rows = Extension.objects.filter(assignment=assignment, student=student).delete()
    if deleted:
        quiz_services.attempt_deadlines_refresh(assignment=assignment, student=student)
    return bool(deleted)
