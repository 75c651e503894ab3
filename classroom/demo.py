"""The demo data set: accounts, a class and every lesson package in seeds/.

Idempotent: running it again resets the demo passwords and changes nothing else."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from authoring.roles import author_group_join
from authoring.services import LoadResult, lesson_packages_load
from lessons.models import Lesson

from .models import Classroom, Membership
from .services import assignment_create

DEMO_CLASS_NAME = "History 9B (demo)"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    display_name: str


DEMO_ACCOUNTS = (
    DemoAccount("teacher", "sourcelab-teacher", User.Role.TEACHER, "Ms Demo Teacher"),
    DemoAccount("student1", "sourcelab-student", User.Role.STUDENT, "Ada Student"),
    DemoAccount("student2", "sourcelab-student", User.Role.STUDENT, "Ben Student"),
    DemoAccount("author", "sourcelab-author", User.Role.AUTHOR, "Content Author"),
    DemoAccount("schooladmin", "sourcelab-admin", User.Role.SCHOOL_ADMIN, "School Administrator"),
)


@transaction.atomic
def demo_data_create() -> tuple[list[DemoAccount], Classroom, list[LoadResult]]:
    lessons = lesson_packages_load(paths=[settings.SEEDS_DIR])
    users = {}
    for account in DEMO_ACCOUNTS:
        user, _ = User.objects.get_or_create(
            username=account.username,
            defaults={"role": account.role, "display_name": account.display_name},
        )
        user.role = account.role
        user.display_name = account.display_name
        # The author uses the admin (staff) with the authors' group only: no superuser in
        # daily use (issue 13, point 2).
        user.is_staff = account.role == User.Role.AUTHOR
        user.is_superuser = False
        user.set_password(account.password)
        user.save()
        if account.role == User.Role.AUTHOR:
            author_group_join(user=user)
        users[account.username] = user

    classroom, _ = Classroom.objects.get_or_create(name=DEMO_CLASS_NAME, teacher=users["teacher"])
    for account in DEMO_ACCOUNTS:
        if account.role == User.Role.STUDENT:
            Membership.objects.get_or_create(classroom=classroom, student=users[account.username])
    now = timezone.now()
    for lesson in Lesson.objects.filter(quiz__isnull=False).select_related("quiz"):
        if not classroom.assignments.filter(lesson=lesson).exists():
            assignment_create(
                classroom=classroom,
                lesson=lesson,
                opens_at=now - timedelta(days=1),
                due_at=now + timedelta(days=14),
            )
    return list(DEMO_ACCOUNTS), classroom, lessons
