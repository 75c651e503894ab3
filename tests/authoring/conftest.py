"""Broken packages are made by copying the example package and editing its YAML as text, so the
line numbers in the errors are the lines an author would see."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from authoring.package import ValidationReport, validate_package

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
