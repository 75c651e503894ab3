"""The report of a run: exact latency percentiles per request type, the profile's shares, and
the lines printed at the end (latency table, users, verification, CPU seconds)."""

from __future__ import annotations

import csv
import math
import os
from collections import defaultdict
from pathlib import Path

from loadtest.machine import speed_line
from loadtest.verify import verification_lines

LOGIN_NAMES = ("login page", "login")
# Issue 15, point 4: every request type's p95 under this, the logins at the bell's too.
P95_TARGET_MS = 300
ORDER = (
    "login page",
    "login",
    "home",
    "start",
    "quiz page",
    "save",
    "submit",
    "submit (double-click)",
    "result",
)


def read_timings(folder: Path) -> list[tuple[str, float, float, int, bool]]:
    rows = []
    for path in sorted(folder.glob("requests-*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for name, start, ms, status, ok in csv.reader(handle):
                rows.append((name, float(start), float(ms), int(status), ok == "1"))
    return rows


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile of a sorted list."""
    if not values:
        return float("nan")
    return values[max(0, math.ceil(share * len(values)) - 1)]


def _group(rows) -> dict:
    times = sorted(r[2] for r in rows)
    if not times:
        return {"count": 0}
    span = max(r[1] + r[2] / 1000 for r in rows) - min(r[1] for r in rows)
    return {
        "count": len(times),
        "errors": sum(1 for r in rows if not r[4]),
        "p50": round(percentile(times, 0.50)),
        "p95": round(percentile(times, 0.95)),
        "p99": round(percentile(times, 0.99)),
        "max": round(times[-1]),
        "rps": round(len(times) / span, 1) if span > 0 else None,
    }


def latency_table(rows) -> dict:
    """Exact percentiles (ms) from every request's own timing, per request type and grouped.

    "after logins" covers the requests that started once the last login had been answered:
    the quiz under load without the password hashing of students still arriving."""
    by_name = defaultdict(list)
    for row in rows:
        by_name[row[0]].append(row)
    table = {name: _group(by_name[name]) for name in sorted(by_name, key=_order)}
    table["all requests"] = _group(rows)
    quiz = [r for r in rows if r[0] not in LOGIN_NAMES]
    table["all but login"] = _group(quiz)
    table["saves + submits"] = _group([r for r in rows if r[0] == "save" or "submit" in r[0]])
    logins = [r for r in rows if r[0] == "login"]
    if logins:
        last_login = max(r[1] + r[2] / 1000 for r in logins)
        later = [r for r in quiz if r[1] >= last_login]
        table["saves after logins"] = _group([r for r in later if r[0] == "save"])
    return table


def _order(name: str) -> int:
    return ORDER.index(name) if name in ORDER else len(ORDER)


# A py-spy frame reads "function (path/to/module.py:line)"; the views are named by function
# and file so that a view that moves fails tests/loadtest/test_report.py instead of reading 0 %.
PROFILE_MARKERS = {
    "password hashing (at login)": ("pbkdf2", "(argon2/"),
    "view: login": ("LoginView.",),
    "view: home (the dashboard)": ("dashboard (learning/views/lesson.py",),
    "view: start": ("attempt_start (learning/views/quiz.py",),
    "view: attempt_take (quiz page GET; submit POST)": ("attempt_take (learning/views/quiz.py",),
    "view: save (response_save)": ("response_save (learning/views/quiz.py",),
    "view: submit (_attempt_post)": ("_attempt_post (learning/views/quiz.py",),
    "view: result": ("attempt_result (learning/views/quiz.py",),
    "template rendering": ("Template.render (django/template/base.py",),
    "database: psycopg execute": ("execute (psycopg/cursor.py",),
    "sessions and cache (redis client)": ("(redis/",),
    "pydantic validation": ("(pydantic",),
}


def profile_summary(path: Path) -> dict:
    """Share of the CPU samples of every gunicorn process whose stack holds each marker (idle
    time is not sampled); a stack can hold several markers, so the shares overlap."""
    total = 0
    hits = dict.fromkeys(PROFILE_MARKERS, 0)
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, samples = line.rpartition(" ")
        if not samples.isdigit():
            continue
        n = int(samples)
        total += n
        for label, needles in PROFILE_MARKERS.items():
            if any(needle in stack for needle in needles):
                hits[label] += n
    return {label: round(100 * n / total, 1) if total else 0 for label, n in hits.items()}


def _table(latency: dict) -> list[str]:
    lines = ["request type            count  errors   p50   p95   p99    max  req/s"]
    for name, row in latency.items():
        if not row.get("count"):
            continue
        lines.append(
            f"{name:22} {row['count']:6} {row['errors']:7} {row['p50']:5} {row['p95']:5} "
            f"{row['p99']:5} {row['max']:6} {row['rps'] or 0:6}"
        )
    return lines


def latency_over_target(summary: dict) -> dict[str, int]:
    """The request types (the bell's included; not the table's totals) whose p95 is not under
    `P95_TARGET_MS`, with their p95: empty when the run met the latency target."""
    rows = {**summary["latency"], **(summary.get("bell") or {})}
    return {
        name: row["p95"]
        for name, row in rows.items()
        if (name in ORDER or name.startswith("bell"))
        and isinstance(row, dict)
        and row.get("count")
        and row["p95"] >= P95_TARGET_MS
    }


def latency_line(summary: dict) -> str:
    over = latency_over_target(summary)
    target = f"latency target, p95 under {P95_TARGET_MS} ms for every request type"
    if not over:
        return f"{target}: met"
    return f"{target}: MISSED by " + ", ".join(f"{name} ({ms} ms)" for name, ms in over.items())


def report(summary: dict) -> None:
    lines = ["", *_table(summary["latency"])]
    lines.append("(milliseconds; req/s = count over the span from the first to the last request)")
    settings = summary["settings"]
    if summary.get("bell"):
        students, rounds = settings["bell"]
        lines += ["", f"logins at the bell: {students} at once, {rounds} times, before the quiz"]
        bell = {k: v for k, v in summary["bell"].items() if k.startswith("bell")}
        lines += _table(bell)
        rounds = summary["bell"].get("login ms by round") or []
        lines += [f"  round {n}: logins {times} ms" for n, times in enumerate(rounds, 1)]
    served = summary.get("served_by") or {}
    if settings.get("proxy"):
        total = sum(served.values()) or 1
        shares = ", ".join(f"{k} {n} ({100 * n / total:.0f}%)" for k, n in served.items())
        lines += [
            "",
            f"{settings['servers']} app server(s) behind {settings['proxy']} (leastconn, "
            f"PROXY_COUNT={settings['proxy_count']}); requests served: {shares}",
        ]
        every, attempts = summary.get("attempts_on_every_server") or (0, 0)
        lines.append(f"students whose quiz requests reached every server: {every} of {attempts}")
    lines += [
        "",
        f"users: {summary['users_done']} done, {summary['users_failed']} failed, "
        f"{summary['users_missing']} never finished; failed requests: {summary['failed_requests']}",
        *verification_lines(summary["verification"]),
        latency_line(summary),
    ]
    cpu = summary.get("cpu_seconds") or {}
    if cpu:
        parts = ", ".join(
            f"{k} {v}" for k, v in cpu.items() if k not in ("wall_seconds", "machine_busy_percent")
        )
        lines.append(
            f"CPU seconds over {cpu['wall_seconds']} s of load ({os.cpu_count()} cores, machine "
            f"{cpu['machine_busy_percent']}% busy): {parts}"
        )
    speed = summary.get("machine_speed") or {}
    if line := speed_line(speed.get("before"), speed.get("after"), build=speed.get("build", "")):
        lines.append(line)
    if "profile" in summary:
        lines += ["", "profile (share of CPU samples of the gunicorn processes; shares overlap):"]
        lines += [f"  {share:5.1f}%  {label}" for label, share in summary["profile"].items()]
    print("\n".join(lines), flush=True)
