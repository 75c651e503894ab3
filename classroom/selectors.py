"""Reads on classes and assignments, with access built in."""

from django.http import Http404

from accounts.models import User

from .models import Assignment


def assignment_get_for_student(*, student: User, pk: int) -> Assignment:
    """An assignment of one of the student's classes, or 404."""
    assignment = (
        Assignment.objects.select_related("lesson", "classroom")
        .filter(pk=pk, classroom__memberships__student=student, classroom__archived_at=None)
        .first()
    )
    if assignment is None:
        raise Http404("No such assignment.")
    return assignment


def assignments_for_student(*, student: User) -> list[Assignment]:
    return list(
        Assignment.objects.select_related("lesson", "classroom")
        .filter(classroom__memberships__student=student, classroom__archived_at=None)
        .order_by("due_at", "id")
    )
