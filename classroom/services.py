"""Writes on classes and memberships."""

from django.db import transaction

from accounts.models import User

from .models import Classroom, Membership


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
