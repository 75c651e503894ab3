"""Reads of the LTI pages; each checks that the teacher owns the class it reads."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Min
from django.shortcuts import get_object_or_404

from accounts.models import User
from classroom.models import Assignment
from classroom.selectors.access import assignment_get_for_teacher, classroom_get_for_teacher
from lessons.models import Lesson

from .models import CourseClass, GradeSync, LinkedAssignment


def lessons_to_link() -> list[Lesson]:
    return list(Lesson.objects.filter(quiz__isnull=False).order_by("title"))


def course_get_for_teacher(*, teacher: User, classroom_pk: int) -> CourseClass:
    classroom = classroom_get_for_teacher(teacher=teacher, pk=classroom_pk)
    return get_object_or_404(
        CourseClass.objects.select_related("classroom", "context__deployment__registration"),
        classroom=classroom,
    )


@dataclass(frozen=True)
class CoursePage:
    course: CourseClass
    links: list[LinkedAssignment]


def course_page(*, teacher: User, classroom_pk: int) -> CoursePage:
    course = course_get_for_teacher(teacher=teacher, classroom_pk=classroom_pk)
    links = list(
        LinkedAssignment.objects.filter(assignment__classroom=course.classroom)
        .select_related("assignment__lesson", "resource_link")
        .order_by("assignment__due_at", "pk")
    )
    return CoursePage(course, links)


@dataclass(frozen=True)
class GradesPage:
    assignment: Assignment
    grades: list[GradeSync]


def assignment_grades(*, teacher: User, classroom_pk: int, assignment_pk: int) -> GradesPage:
    classroom = classroom_get_for_teacher(teacher=teacher, pk=classroom_pk)
    assignment = assignment_get_for_teacher(classroom=classroom, pk=assignment_pk)
    grades = list(
        GradeSync.objects.filter(link__assignment=assignment)
        .select_related("student")
        .order_by("student__username")
    )
    return GradesPage(assignment, grades)


@dataclass(frozen=True)
class PassbackState:
    """How the grades of one LMS-linked assignment stand: how many the LMS has, how many
    failed and are being retried (and the next try), how many wait to be sent."""

    sent: int
    failed: int
    pending: int
    next_try_at: datetime | None


def assignment_passback_state(*, assignment: Assignment) -> PassbackState | None:
    """None for an assignment no LMS link opens (most): nothing to show. Two queries."""
    if not LinkedAssignment.objects.filter(assignment=assignment).exists():
        return None
    rows = (
        GradeSync.objects.filter(link__assignment=assignment)
        .values("status")
        .annotate(n=Count("pk"), first=Min("next_try_at"))
        .order_by()
    )
    counts, next_try = {}, None
    for row in rows:
        counts[row["status"]] = row["n"]
        if row["status"] == GradeSync.Status.FAILED:
            next_try = row["first"]
    return PassbackState(
        sent=counts.get(GradeSync.Status.SENT, 0),
        failed=counts.get(GradeSync.Status.FAILED, 0),
        pending=counts.get(GradeSync.Status.PENDING, 0),
        next_try_at=next_try,
    )
