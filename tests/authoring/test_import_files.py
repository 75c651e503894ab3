"""The package is the lesson's source of truth: the loader stores its files, a lesson exports
them as a zip, and that zip imports back into the same lesson, field by field."""

from pathlib import Path

import pytest

from authoring.imports import lesson_import_files
from authoring.models import PackageFile
from authoring.package.files import (
    package_files_from_zip,
    package_files_read,
    package_files_to_zip,
)
from authoring.package.validate import find_packages
from authoring.selectors import lesson_package_files
from authoring.services import PackageInvalid, lesson_packages_load
from lessons.models import Lesson
from tests.authoring.roundtrip import lesson_content
from tests.conftest import EXAMPLE_PACKAGE

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
EVERY_PACKAGE = find_packages([ROOT / "seeds", ROOT / "tests" / "fixtures" / "packages"])


def test_loading_a_package_stores_its_exact_files(example_lesson):
    assert lesson_package_files(example_lesson) == package_files_read(EXAMPLE_PACKAGE)


def test_reloading_a_changed_package_replaces_the_stored_files(tmp_path, example_lesson):
    files = package_files_read(EXAMPLE_PACKAGE)
    files["notes/extra.md"] = b"A note for authors."
    lesson_import_files(files, actor=None)
    assert lesson_package_files(example_lesson) == files
    del files["notes/extra.md"]
    lesson_import_files(files, actor=None)
    assert lesson_package_files(example_lesson) == files


@pytest.mark.parametrize("folder", EVERY_PACKAGE, ids=lambda folder: folder.name)
def test_every_package_exports_and_imports_back_identically(folder, author):
    (result,) = lesson_packages_load(paths=[folder])
    before = lesson_content(result.slug)
    exported = package_files_to_zip(lesson_package_files(Lesson.objects.get(slug=result.slug)))
    Lesson.objects.filter(slug=result.slug).delete()
    assert not PackageFile.objects.exists()

    again = lesson_import_files(package_files_from_zip(exported), actor=author)

    assert again.status == "created"
    assert lesson_content(result.slug) == before
    lesson = Lesson.objects.get(slug=result.slug)
    assert package_files_to_zip(lesson_package_files(lesson)) == exported


def test_importing_the_same_files_again_changes_nothing(example_lesson, author):
    result = lesson_import_files(lesson_package_files(example_lesson), actor=author)
    assert result.status == "unchanged"


def test_an_invalid_package_imports_nothing_and_names_its_mistakes_by_file_and_line(author):
    files = package_files_read(EXAMPLE_PACKAGE)
    text = files["lesson.yaml"].decode()
    files["lesson.yaml"] = text.replace("points: 2", "points: many", 1).encode()
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "points: 2" in row)

    with pytest.raises(PackageInvalid) as invalid:
        lesson_import_files(files, actor=author)

    assert any(e.file == "lesson.yaml" and e.line == line for e in invalid.value.errors)
    assert invalid.value.errors[0].render().startswith("lesson.yaml:")
    assert not Lesson.objects.exists()
    assert not PackageFile.objects.exists()
