"""Reads of what the authoring layer stores."""

from authoring.models import PackageFile
from authoring.package.files import PackageFiles
from lessons.models import Lesson


def lesson_package_files(lesson: Lesson) -> PackageFiles:
    """The files of the package ``lesson`` was last loaded from, by path (empty for a lesson
    made before packages were stored and not loaded since)."""
    rows = PackageFile.objects.filter(lesson=lesson).values_list("path", "content")
    return {path: bytes(content) for path, content in rows}
