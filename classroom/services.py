"""Writes on classes and memberships."""

from django.db import transaction

from accounts.models import User
from quizzes.policy import QuizSettings

from .models import Assignment, Classroom, Membership


def classroom_create(*, teacher: User, name: str) -> Classroom:
    if not teacher.is_teacher:
        raise ValueError("Only teachers own classes.")
    return Classroom.objects.create(teacher=teacher, name=name.strip())


@transaction.atomic
def membership_add(*, classroom: Classroom, student: User) -> Membership:
    """Add a student to a class; adding twice is one membership."""
    if not student.is_student:
        raise ValueError("Only students join classes.")
    membership, _ = Membership.objects.get_or_create(classroom=classroom, student=student)
    return membership


def assignment_create(
    *, classroom: Classroom, lesson, opens_at, due_at, late_until=None, **settings
) -> Assignment:
    """Assign a lesson to a class; quiz settings start from the lesson's defaults."""
    if due_at <= opens_at:
        raise ValueError("The due date must come after the opening date.")
    defaults = QuizSettings.from_obj(lesson.quiz).__dict__ | settings
    return Assignment.objects.create(
        classroom=classroom,
        lesson=lesson,
        opens_at=opens_at,
        due_at=due_at,
        late_until=late_until,
        **defaults,
    )


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
