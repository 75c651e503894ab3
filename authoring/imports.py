"""Writes: a lesson from a package held in memory (an uploaded zip, an editor's files)."""

from django.db import transaction

from accounts.models import User
from authoring.package.files import PackageFiles, package_files_folder, relative_errors
from authoring.package.validate import validate_package
from authoring.services import LoadResult, PackageInvalid, lesson_package_load


def lesson_import_files(files: PackageFiles, *, actor: User | None) -> LoadResult:
    """Validate ``files`` with the package validator and, only if nothing is wrong, create or
    update the lesson they describe (keyed by its slug) and store the files, in one
    transaction. Raises :class:`PackageInvalid` whose errors name files relative to the
    package ("lesson.yaml:12: ..."); then nothing is written.

    ``actor`` is who imports. The loader is not audited (content changes are not, only changes
    to people's grades and accounts, which a key change leaves to the regrade, audited there);
    it is taken so that callers need not change when that changes."""
    del actor
    with package_files_folder(files) as folder:
        report = validate_package(folder)
        if report.errors or report.package is None:
            raise PackageInvalid(relative_errors(report.errors, folder))
        with transaction.atomic():
            return lesson_package_load(package=report.package)
