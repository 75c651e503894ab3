"""Fixtures shared by every test module: users of each role and a class."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from hypothesis import settings as hypothesis_settings

from accounts.models import User
from accounts.services import user_create
from authoring.services import lesson_packages_load
from classroom.services import assignment_create, classroom_create, membership_add
from lessons.models import Lesson

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
    return user_create(username="a.author", password=PASSWORD, role=User.Role.AUTHOR, is_staff=True)


@pytest.fixture
def school_admin(db) -> User:
    return user_create(username="sa.admin", password=PASSWORD, role=User.Role.SCHOOL_ADMIN)


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


# --- The student's pages -------------------------------------------------------------------


@pytest.fixture
def outsider(db):
    """A student of another class."""
    from accounts.models import User
    from accounts.services import user_create
    from classroom.services import classroom_create, membership_add
    from tests.conftest import PASSWORD

    other_teacher = user_create(username="t.other", password=PASSWORD, role=User.Role.TEACHER)
    student = user_create(username="s.outsider", password=PASSWORD, role=User.Role.STUDENT)
    classroom = classroom_create(teacher=other_teacher, name="Other class")
    membership_add(classroom=classroom, student=student)
    return student


@pytest.fixture
def khojaly_lesson(db):
    """The real Khojaly package: a large lesson (33 sentences, 29 glossary terms, 8 sources,
    23 activities) to compare with the small example package."""
    from django.conf import settings

    from authoring.services import lesson_packages_load
    from lessons.models import Lesson

    lesson_packages_load(paths=[settings.SEEDS_DIR / "khojaly"])
    return Lesson.objects.get(slug="khojaly-1992")


@pytest.fixture
def khojaly_assignment(classroom, khojaly_lesson):
    from datetime import timedelta

    from django.utils import timezone

    from classroom.services import assignment_create

    now = timezone.now()
    return assignment_create(
        classroom=classroom,
        lesson=khojaly_lesson,
        opens_at=now - timedelta(days=1),
        due_at=now + timedelta(days=7),
    )


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with empty caches: the login throttle (accounts.throttle) counts
    failures per address in Django's, and every test client comes from the same address; the
    process's own (core.local_cache) may hold rows of an earlier test whose ids, rolled back
    on SQLite, this test's rows have again (what an autosave read: classroom.services.autosave)."""
    from django.core.cache import cache

    from core.local_cache import local_caches_clear

    cache.clear()
    local_caches_clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _interface_in_english():
    """Each test starts in English: a test client's request in another language leaves that
    language active in the thread (LocaleMiddleware activates it and nothing deactivates it),
    and the next test on the same worker would read its messages in it."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


def pytest_configure(config) -> None:
    """Build the translations the pages need (.mo files are not committed) and the tests'
    pseudo-locale, when stale: once, in the controlling process, before any worker starts."""
    if hasattr(config, "workerinput"):
        return
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    for command in ("compile", "pseudo"):
        script = str(root / "scripts/locales.py")
        subprocess.run([sys.executable, script, command], check=True)  # noqa: S603 - fixed argv
