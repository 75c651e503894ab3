"""The one error shape every check produces, and how a location inside the YAML is written."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A location inside the loaded YAML: mapping keys and sequence indexes, outermost first.
Loc = tuple[str | int, ...]

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")


def format_path(loc: Loc) -> str:
    """Write a location the way authors read it: ``steps[3].activities[0].spec``."""
    out: list[str] = []
    for part in loc:
        if isinstance(part, int) and not isinstance(part, bool):
            out.append(f"[{part}]")
        elif isinstance(part, str) and _PLAIN_KEY.match(part):
            out.append(f".{part}" if out else part)
        else:
            # Keys that are not bare words (spaces, dots, YAML numbers or null) stay unambiguous.
            out.append(f"[{part!r}]")
    return "".join(out)


@dataclass(frozen=True)
class PackageError:
    """One mistake in a package. ``line`` is 1-based, or None when no line applies (a missing
    file); ``path`` is empty when the mistake is not inside the YAML tree (bad syntax)."""

    file: str
    line: int | None
    path: str
    message: str

    def render(self, file: str | None = None) -> str:
        """``file:line: path: message``; ``file`` overrides the stored name (e.g. made relative)."""
        where = file if file is not None else self.file
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"

    def __str__(self) -> str:
        return self.render()
