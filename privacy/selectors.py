from django.http import Http404

from accounts.models import User
from classroom.models import Membership


def student_get_for_manager(*, actor: User, pk: int) -> User:
    """A student whose data `actor` may export or delete: staff, or a teacher of one of the
    student's classes. Anyone else gets 404: the student does not exist for them."""
    student = User.objects.filter(pk=pk, role=User.Role.STUDENT).first()
    if student is None:
        raise Http404("No such student.")
    if actor.is_author:
        return student
    if (
        actor.is_teacher
        and Membership.objects.filter(student=student, classroom__teacher=actor).exists()
    ):
        return student
    raise Http404("No such student.")
