"""Whole lessons out and in: a lesson's package as a zip download, and a package zip uploaded
by a content author, validated like `validate_lessons` and loaded like `load_lessons`."""

import yaml
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from authoring.imports import lesson_import_files
from authoring.package.files import (
    ZIP_BYTES,
    PackageFilesError,
    package_files_from_zip,
    package_files_to_zip,
)
from authoring.selectors import lesson_package_files
from authoring.services import LoadResult, PackageInvalid
from lessons.models import Lesson, Visibility

from .errors import Code, ExchangeError


def lesson_package_export(*, lesson: Lesson) -> tuple[bytes, str]:
    """The zip of the package the lesson was last loaded from, and a safe file name for it."""
    files = lesson_package_files(lesson)
    if not files:
        raise Http404("This lesson has no stored package.")
    return package_files_to_zip(files), f"{slugify(lesson.slug) or 'lesson'}.zip"


def lesson_package_import(*, upload: UploadedFile, actor: User) -> LoadResult:
    """Create or update the lesson in an uploaded package zip. All or nothing: a zip that
    cannot be read, or a package with any mistake, changes nothing and says why (each
    mistake as ``file:line: path: message``)."""
    if upload.size is None or upload.size > ZIP_BYTES:
        message = _("The file is over %(mb)s MB: a lesson package is much smaller.")
        raise ExchangeError(
            Code.PACKAGE_TOO_LARGE,
            message % {"mb": ZIP_BYTES // 1_000_000},
            status=413,
            field="package",
        )
    try:
        files = package_files_from_zip(upload.read())
    except PackageFilesError as error:
        raise ExchangeError(Code.PACKAGE_UNREADABLE, error.message, field="package") from None
    _refuse_another_teachers_lesson(files, actor)
    try:
        return lesson_import_files(files, actor=actor)
    except PackageInvalid as invalid:
        count = len(invalid.errors)
        summary = ngettext(
            "%(count)d mistake in the package.", "%(count)d mistakes in the package.", count
        )
        raise ExchangeError(
            Code.PACKAGE_INVALID,
            summary % {"count": count},
            problems=[error.render() for error in invalid.errors],
        ) from None


def _refuse_another_teachers_lesson(files: dict[str, bytes], actor: User) -> None:
    """A package loads by its slug: one naming a teacher's private lesson would replace that
    teacher's work, so it is refused (409) and the author picks another slug."""
    try:
        data = yaml.safe_load(files.get("lesson.yaml", b""))
    except yaml.YAMLError:
        return  # the validator reports it, with its line
    slug = data.get("slug") if isinstance(data, dict) else None
    if not isinstance(slug, str):
        return
    taken = Lesson.objects.filter(slug=slug, visibility=Visibility.PRIVATE).exclude(owner=actor)
    if taken.exists():
        message = _(
            "A teacher's private lesson already uses this lesson's id (slug): change the slug "
            "in lesson.yaml and upload again."
        )
        raise ExchangeError(Code.LESSON_PRIVATE, message, status=409, field="package")
