"""The content lint on every package in seeds/.

A package must lint clean, except for the findings listed in its allow-list,
``tests/lessons/lint_allowlist/<package>.txt`` (one ``rule: path: message`` a line, as printed by
``manage.py lint_lesson --keys``). The list only shrinks: fix the content, then delete its line.
A finding that is not listed fails, and so does a listed one that no longer occurs."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from authoring.lint import lint_package
from authoring.package import find_packages

SEEDS = Path(settings.BASE_DIR) / "seeds"
ALLOWED = Path(__file__).parent / "lint_allowlist"


def allowed(package: Path) -> list[str]:
    path = ALLOWED / f"{package.name}.txt"
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return sorted(line for line in lines if line.strip() and not line.startswith("#"))


@pytest.mark.parametrize("package", find_packages([SEEDS]), ids=lambda p: p.name)
def test_the_seed_package_has_no_lint_finding_beyond_its_allow_list(package):
    found = sorted(f.key for f in lint_package(package))
    expected = allowed(package)
    assert [k for k in found if k not in expected] == [], "new findings: fix the content"
    assert [k for k in expected if k not in found] == [], "fixed: delete these allow-list lines"
    assert found == expected  # the same findings, as often
