"""Lesson content packages: load, segment and validate a package folder before anything is
written to the database. The entry point is :func:`validate_package`."""

from authoring.package.errors import PackageError
from authoring.package.validate import ValidationReport, find_packages, validate_package

__all__ = ["PackageError", "ValidationReport", "find_packages", "validate_package"]
