"""``python manage.py validate_lessons PATH…``: check lesson packages, write nothing.

Prints every mistake as ``file:line: path: message`` (the form editors and CI logs link to),
one summary line per package, and exits with status 1 if any package has a mistake.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from authoring.package import ValidationReport, find_packages, validate_package


class Command(BaseCommand):
    help = (
        "Check lesson packages (a package folder, or a folder of packages such as seeds/) "
        "without touching the database. Prints each mistake as file:line: path: message."
    )
    # Authors run this while writing content, perhaps before the database exists; nothing
    # here needs the database or the system checks.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="package folder(s)")
        parser.add_argument(
            "--sentences",
            action="store_true",
            help="also print each sentence id of the main source with its text",
        )

    def handle(self, *args: Any, paths: list[str], sentences: bool, **options: Any) -> None:
        reports = [validate_package(folder) for folder in find_packages(paths)]
        for report in reports:
            if sentences:
                self.print_sentences(report)
            for error in report.errors:
                self.stdout.write(error.render(_shown(error.file)))
            self.stdout.write(self.summary(report))
        failed = [r for r in reports if not r.ok]
        if failed:
            count = sum(len(r.errors) for r in failed)
            raise CommandError(
                f"{_plural(count, 'error')} in {len(failed)} of {_plural(len(reports), 'package')}",
                returncode=1,
            )

    def summary(self, report: ValidationReport) -> str:
        name = _shown(str(report.path))
        if report.package is None:
            return self.style.ERROR(f"{name}: {_plural(len(report.errors), 'error')}")
        package = report.package
        counts = (
            f"{_plural(len(package.source.sentences), 'sentence')}, "
            f"{_plural(len(package.questions()), 'question')}"
        )
        return self.style.SUCCESS(f"{name}: OK ({counts})")

    def print_sentences(self, report: ValidationReport) -> None:
        """One line per sentence, a blank line between paragraphs; line breaks inside a
        sentence are shown as spaces so each sentence stays on one line."""
        if not report.sentences:
            return
        self.stdout.write(f"{_shown(str(report.path))}: sentences")
        paragraph = None
        for sentence in report.sentences:
            if paragraph is not None and sentence.paragraph != paragraph:
                self.stdout.write("")
            paragraph = sentence.paragraph
            self.stdout.write(f"{sentence.id:>5}  {' '.join(sentence.text.split())}")
        self.stdout.write("")


def _shown(file: str) -> str:
    """``file`` relative to the working directory when it lies inside it."""
    relative = os.path.relpath(Path(file).absolute())
    return file if relative.startswith("..") else relative


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
