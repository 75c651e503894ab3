"""Broken packages are made by copying the example package and editing its YAML as text, so the
line numbers in the errors are the lines an author would see."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lessons.package import ValidationReport, validate_package

EXAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "packages" / "example"


class PackageCopy:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.yaml = folder / "lesson.yaml"

    def edit(self, old: str, new: str) -> None:
        """Replace ``old``, which must occur exactly once, so an edit never hits by accident."""
        text = self.yaml.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        self.yaml.write_text(text.replace(old, new, 1), encoding="utf-8")

    def line(self, marker: str) -> int:
        """The 1-based line holding ``marker``, which must occur exactly once."""
        found = self.lines_with(marker)
        assert len(found) == 1, f"{marker!r} is on lines {found}"
        return found[0]

    def lines_with(self, marker: str) -> list[int]:
        """The 1-based lines holding ``marker``, in order."""
        lines = self.yaml.read_text(encoding="utf-8").splitlines()
        return [number for number, line in enumerate(lines, 1) if marker in line]

    def validate(self) -> ValidationReport:
        return validate_package(self.folder)

    def errors(self) -> list[tuple[int | None, str, str]]:
        return [(e.line, e.path, e.message) for e in self.validate().errors]


@pytest.fixture
def example_copy(tmp_path: Path) -> PackageCopy:
    """A copy of the example package in tmp_path, to break."""
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE, folder)
    return PackageCopy(folder)


# --- The student's pages (issue 5) ------------------------------------------------------------


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

    from lessons.models import Lesson
    from lessons.services import lesson_packages_load

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
