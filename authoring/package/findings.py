"""Where the checks put what they find: every error of one ``lesson.yaml``, each at its line.

No check stops at its first error; each reports through :class:`Findings` and carries on, so an
author sees every mistake in one run."""

from __future__ import annotations

from dataclasses import dataclass, field

from authoring.package.errors import Loc, PackageError, format_path
from authoring.package.yamlload import LineMap
from core.suggest import did_you_mean

__all__ = ["Findings", "did_you_mean"]


@dataclass
class Findings:
    """The errors found so far in ``file``, whose keys and items are placed by ``lines``.

    Errors in other files (an unreadable document) are appended to ``errors`` as they are."""

    file: str
    lines: LineMap
    errors: list[PackageError] = field(default_factory=list)

    def error(self, loc: Loc, message: str, *, line: int | None = None) -> None:
        """Report ``message`` at ``loc``; ``line`` when more precise than the key's line."""
        line = line if line is not None else self.lines.line_of(loc)
        self.errors.append(PackageError(self.file, line, format_path(loc), message))
