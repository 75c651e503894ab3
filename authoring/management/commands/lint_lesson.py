"""``python manage.py lint_lesson PATH…``: the content lint (see authoring/lint/).

Prints each finding as ``file:line: rule: path: message`` and exits with status 1 if there is
any. ``--keys`` prints the findings without file and line instead (the form of an allow-list).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from authoring.lint import lint_package
from authoring.package import find_packages


class Command(BaseCommand):
    help = (
        "Check lesson packages' content as a reviewer would: exact quotations, citations, no "
        "copied wording, parallel source cards, explained keys. Prints file:line: rule: message."
    )
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="package folder(s)")
        parser.add_argument(
            "--keys",
            action="store_true",
            help="print each finding as 'rule: path: message' (no file, no line), sorted",
        )

    def handle(self, *args: Any, paths: list[str], keys: bool, **options: Any) -> None:
        total = 0
        packages = find_packages(paths)
        for folder in packages:
            findings = lint_package(folder)
            total += len(findings)
            if keys:
                for key in sorted(f.key for f in findings):
                    self.stdout.write(key)
                continue
            for finding in findings:
                self.stdout.write(finding.render(_shown(finding.file)))
            name = _shown(str(folder))
            if findings:
                self.stdout.write(self.style.ERROR(f"{name}: {_plural(len(findings))}"))
            else:
                self.stdout.write(self.style.SUCCESS(f"{name}: no findings"))
        if total:
            raise CommandError(f"{_plural(total)} in {len(packages)} package(s)", returncode=1)


def _shown(file: str) -> str:
    relative = os.path.relpath(Path(file).absolute())
    return file if relative.startswith("..") else relative


def _plural(count: int) -> str:
    return f"{count} finding" if count == 1 else f"{count} findings"
