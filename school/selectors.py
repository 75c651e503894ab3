"""Reads of the school administrator's pages: the school's accounts, classes, teachers and
audit log. One installation is one school (docs/decisions/0011-one-installation-one-school.md),
so the administrator sees every student and teacher of it. Lists are querysets the views page
through; each row's counts come from annotations, so a page costs the same however long."""

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from accounts.models import User
from audit.models import AuditEntry
from classroom.authority import classes_of_student, school_admin_may_act_on
from classroom.models import Classroom

PEOPLE = (User.Role.STUDENT, User.Role.TEACHER)


def _people() -> QuerySet[User]:
    """The accounts the administrator acts on: students and teachers, never staff or a
    superuser (`classroom.authority.school_admin_may_act_on`, as a query)."""
    return User.objects.filter(role__in=PEOPLE, is_staff=False, is_superuser=False)


def accounts_for_school_admin(*, query: str = "", role: str = "") -> QuerySet[User]:
    """Students and teachers whose username or name contains `query`, with how many classes
    each is in (students) or teaches (teachers), sorted by username."""
    accounts = _people().annotate(
        class_count=Count("memberships", distinct=True),
        taught_count=Count("classrooms_taught", distinct=True),
    )
    if role in PEOPLE:
        accounts = accounts.filter(role=role)
    query = query.strip()
    if query:
        accounts = accounts.filter(
            Q(username__icontains=query)
            | Q(display_name__icontains=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
        )
    return accounts.order_by("username", "id")


def account_get_for_school_admin(*, pk: int) -> User:
    """A student or teacher of the school, or 404 (staff, superusers, authors and other
    administrators are not the administrator's to act on)."""
    account = User.objects.filter(pk=pk).first()
    if account is None or not school_admin_may_act_on(account):
        raise Http404("No such account.")
    return account


def account_classes(*, account: User) -> list[Classroom]:
    """The classes a student is in, or a teacher teaches, with their teachers (one query)."""
    if account.is_student:
        return classes_of_student(student=account)
    return list(
        Classroom.objects.filter(teacher=account)
        .select_related("teacher")
        .annotate(student_count=Count("memberships"))
        .order_by("name", "id")
    )


def classrooms_for_school(*, query: str = "") -> QuerySet[Classroom]:
    """Every class of the school, archived ones too, with its teacher and student count."""
    classrooms = Classroom.objects.select_related("teacher").annotate(
        student_count=Count("memberships")
    )
    query = query.strip()
    if query:
        classrooms = classrooms.filter(
            Q(name__icontains=query) | Q(teacher__username__icontains=query)
        )
    return classrooms.order_by("name", "id")


def teachers_for_school() -> QuerySet[User]:
    return (
        _people()
        .filter(role=User.Role.TEACHER)
        .annotate(taught_count=Count("classrooms_taught"))
        .order_by("username", "id")
    )


def audit_entries(*, action: str = "", actor: str = "", subject: str = "") -> QuerySet:
    """The audit log, newest first, filtered by action, by the actor's username, and by the
    subject: an account's id, or the username of an account that still exists."""
    entries = AuditEntry.objects.select_related("actor")
    if action in AuditEntry.Action.values:
        entries = entries.filter(action=action)
    actor = actor.strip()
    if actor:
        entries = entries.filter(actor__username__iexact=actor)
    subject = subject.strip()
    if subject:
        if subject.isascii() and subject.isdigit() and len(subject) < 19:
            entries = entries.filter(subject_user_id=int(subject))
        else:
            ids = User.objects.filter(username__iexact=subject).values("pk")
            entries = entries.filter(subject_user_id__in=ids)
    return entries.order_by("-created_at", "-id")


def usernames_by_id(ids) -> dict[int, str]:
    """The usernames of the accounts among `ids` that still exist (one query): the log keeps
    ids, so a deleted account shows as its id only."""
    wanted = {i for i in ids if i is not None}
    return dict(User.objects.filter(pk__in=wanted).values_list("pk", "username"))
