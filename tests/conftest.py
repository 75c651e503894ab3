"""Fixtures shared by every test module: users of each role and a class."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from hypothesis import settings as hypothesis_settings

from accounts.models import User
from accounts.services import user_create
from classroom.services import assignment_create, classroom_create, membership_add
from lessons.models import Lesson
from lessons.services import lesson_packages_load

PASSWORD = "correct-horse-battery"

# CI runs the same examples every time, so that a red build means a change broke something;
# locally each run explores new examples.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


@pytest.fixture
def teacher(db) -> User:
    return user_create(username="t.hopper", password=PASSWORD, role=User.Role.TEACHER)


@pytest.fixture
def student(db) -> User:
    return user_create(username="s.lovelace", password=PASSWORD, role=User.Role.STUDENT)


@pytest.fixture
def author(db) -> User:
    return user_create(username="a.author", password=PASSWORD, role=User.Role.STAFF, is_staff=True)


@pytest.fixture
def classroom(teacher, student):
    classroom = classroom_create(teacher=teacher, name="History 9A")
    membership_add(classroom=classroom, student=student)
    return classroom


EXAMPLE_PACKAGE = Path(__file__).resolve().parent / "fixtures" / "packages" / "example"


@pytest.fixture
def example_lesson(db):
    """The example package (an invented 1911 newspaper notice), loaded."""
    lesson_packages_load(paths=[EXAMPLE_PACKAGE])
    return Lesson.objects.get(slug="millbrook-bridge-1911")


@pytest.fixture
def assignment(classroom, example_lesson):
    now = timezone.now()
    return assignment_create(
        classroom=classroom,
        lesson=example_lesson,
        opens_at=now - timedelta(days=1),
        due_at=now + timedelta(days=7),
    )


def shows_text(html: str, text: str) -> bool:
    """Whether `text` stands in the page as words of its own, not inside a longer token (a
    CSRF token may contain "1c" by chance)."""
    import re

    return re.search(rf"(?<![\w$]){re.escape(text)}(?![\w])", html) is not None
