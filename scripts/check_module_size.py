"""Fail when a module of the project (tests and migrations aside) is longer than 400 lines.

Modules are split by concept (docs/decisions/0008-layers.md); a module that grows past this
is doing more than one thing. Run by `make lint`."""

import subprocess
import sys
from pathlib import Path

LIMIT = 400
ROOT = Path(__file__).resolve().parents[1]


def too_long() -> list[tuple[str, int]]:
    tracked = subprocess.run(  # git, with fixed arguments
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.py"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    found = []
    for name in tracked:
        path = ROOT / name
        if name.startswith("tests/") or "/migrations/" in name or not path.exists():
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > LIMIT:
            found.append((name, lines))
    return sorted(found, key=lambda row: -row[1])


if __name__ == "__main__":
    rows = too_long()
    for name, lines in rows:
        print(f"{name}: {lines} lines (limit {LIMIT}); split it by concept")
    sys.exit(1 if rows else 0)
