"""How fast this machine is at the moment of a run: fixed work timed before the load starts
and after it ends, on an idle machine both times.

These machines are shared, and their speed moves within minutes: the same server code read
53.5 and 78.0 gunicorn CPU-seconds for the same run 45 minutes apart (docs/performance.md,
2026-12-06). Two runs' latencies compare only when the machine was as fast for both; these
figures say whether it was, and whether it changed during the run. The work is what the
server's CPU mostly does: the app's own password check (Argon2id with its parameters) and a
loop of plain Python."""

from __future__ import annotations

import statistics
import time
from importlib.metadata import PackageNotFoundError, distribution

from accounts.hashers import argon2_known_answer_holds

ROUNDS = 7


def _argon2() -> None:
    # The deploy check's own computation: Argon2id with the app's parameters (decision 0007).
    argon2_known_answer_holds()


def _python() -> None:
    # Dictionaries, strings and calls: what a request's Python does, without I/O.
    table: dict[str, int] = {}
    for n in range(60_000):
        key = f"k{n % 512}"
        table[key] = table.get(key, 0) + len(key)
    sorted(table.items())


def _cpu_ms(work) -> float:
    """The median CPU milliseconds of `ROUNDS` runs of `work`, after one untimed."""
    work()
    times = []
    for _ in range(ROUNDS):
        start = time.process_time()
        work()
        times.append((time.process_time() - start) * 1000)
    return round(statistics.median(times), 2)


def machine_speed() -> dict[str, float]:
    """CPU milliseconds, now, of one Argon2id check and of the Python loop."""
    return {"argon2id_ms": _cpu_ms(_argon2), "python_ms": _cpu_ms(_python)}


def argon2_build() -> str:
    """Which build of argon2-cffi-bindings checks the passwords: one compiled on this machine
    (`scripts/build-argon2.sh`, about half the CPU a check) or a published wheel. The
    Argon2id figure compares only between runs of the same build."""
    try:
        wheel = distribution("argon2-cffi-bindings").read_text("WHEEL") or ""
    except PackageNotFoundError:
        return "not installed"
    tags = [line[4:].strip() for line in wheel.splitlines() if line.startswith("Tag:")]
    # A wheel built locally has the bare platform tag (`linux_x86_64`); PyPI takes only the
    # portable ones (`manylinux_…`, `musllinux_…`, `macosx_…`).
    if any(tag.rpartition("-")[2].startswith("linux_") for tag in tags):
        return "built here"
    return "published wheel"


def speed_line(before: dict | None, after: dict | None, *, build: str = "") -> str | None:
    """The report's line: each figure before and after the load, and how far it moved, and
    which Argon2 `build` ran (`argon2_build`), when known."""
    if not before or not after:
        return None
    parts = []
    for key, label in (("argon2id_ms", "Argon2id check"), ("python_ms", "Python loop")):
        change = 100 * (after[key] - before[key]) / before[key] if before[key] else 0.0
        parts.append(f"{label} {before[key]} ms before, {after[key]} ms after ({change:+.0f}%)")
    if build:
        parts[0] += f" (Argon2 {build})"
    return "machine speed (CPU ms, lower is faster): " + "; ".join(parts)
