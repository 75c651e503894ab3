"""Reads of the LTI pages (each checks that the teacher owns the class it reads) and of the
school administrator's LMS identity pages (the `school` app checks the administrator)."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Min, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from lti_tool.models import LtiUser

from accounts.models import User
from classroom.authority import classes_of_student, school_admin_may_act_on
from classroom.models import Assignment, Classroom
from classroom.selectors.access import assignment_get_for_teacher, classroom_get_for_teacher
from lessons.models import Lesson
from quizzes.models import Attempt

from .models import CourseClass, GradeSync, LinkedAssignment
from .services.identities import link_refusal


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


# --- LMS identities, for the school administrator ----------------------------------------------


def identities_of(*, account: User) -> list[LtiUser]:
    """The account's LMS identities with their platform and last launch (one query)."""
    return list(
        LtiUser.objects.filter(auth_user=account)
        .select_related("registration", "seen")
        .order_by("registration__name", "sub")
    )


def identity_get_for_school_admin(*, account: User, pk: int) -> LtiUser:
    return get_object_or_404(LtiUser.objects.select_related("auth_user"), pk=pk, auth_user=account)


LINK_CANDIDATES = 20


def link_candidates(*, account: User, query: str) -> list[User]:
    """Other active accounts of the same role with an LMS identity whose username or name
    contains `query` (at most 20, by username): whom `account` may absorb."""
    query = query.strip()
    if not query:
        return []
    people = (
        User.objects.filter(role=account.role, is_active=True, is_staff=False, is_superuser=False)
        .filter(lti_users__isnull=False)
        .exclude(pk=account.pk)
        .filter(Q(username__icontains=query) | Q(display_name__icontains=query))
        .distinct()
        .order_by("username", "id")
    )
    return list(people[:LINK_CANDIDATES])


@dataclass(frozen=True)
class AccountSummary:
    account: User
    identities: list[LtiUser]
    classrooms: list[Classroom]
    work: list[tuple[str, str, int]]  # (lesson, class or "", attempts)


def account_summary(*, account: User) -> AccountSummary:
    """An account as the link confirmation shows it: identities, classes, work."""
    if account.is_student:
        classrooms = classes_of_student(student=account)
    else:
        classrooms = list(Classroom.objects.filter(teacher=account).order_by("name", "id"))
    work = (
        Attempt.objects.filter(student=account)
        .values("lesson__title", "assignment__classroom__name")
        .annotate(n=Count("pk"))
        .order_by("lesson__title", "assignment__classroom__name")
    )
    rows = [(w["lesson__title"], w["assignment__classroom__name"] or "", w["n"]) for w in work]
    return AccountSummary(account, identities_of(account=account), classrooms, rows)


@dataclass(frozen=True)
class LinkPreview:
    target: AccountSummary
    source: AccountSummary
    refusal: str | None


def link_preview(*, target: User, source: User) -> LinkPreview:
    return LinkPreview(
        account_summary(account=target),
        account_summary(account=source),
        link_refusal(source=source, target=target),
    )


def link_source_get(*, target: User, pk: int) -> User:
    """The account to merge into `target`: active, of the school, with an LMS identity."""
    source = User.objects.filter(pk=pk, is_active=True).exclude(pk=target.pk).first()
    if source is None or not school_admin_may_act_on(source):
        raise Http404("No such account.")
    return source
