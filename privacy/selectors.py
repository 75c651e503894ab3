from dataclasses import dataclass

from django.http import Http404

from accounts.models import User
from classroom.authority import student_classes_taught_by, student_has_other_teachers
from classroom.models import Classroom


@dataclass(frozen=True)
class Reach:
    """What `actor` may export or delete of one student: the classes (None: everything, the
    school administrator) and whether the account itself (every class is theirs)."""

    student: User
    classrooms: list[Classroom] | None
    whole_account: bool


def student_reach_for_manager(*, actor: User, pk: int) -> Reach:
    """A student whose data `actor` may export or delete, and how far: the school
    administrator, everything; a teacher, the student's records in the teacher's own classes,
    and the account only when every class of the student is theirs (issue 13). Anyone else,
    content authors and superusers included, gets 404: the student does not exist for them."""
    student = User.objects.filter(pk=pk, role=User.Role.STUDENT).first()
    if student is None:
        raise Http404("No such student.")
    if actor.is_school_admin:
        return Reach(student, None, whole_account=True)
    if actor.is_teacher:
        classrooms = student_classes_taught_by(teacher=actor, student=student)
        if classrooms:
            shared = student_has_other_teachers(teacher=actor, student=student)
            return Reach(student, classrooms, whole_account=not shared)
    raise Http404("No such student.")
