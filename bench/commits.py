"""`manage.py bench --commits`: what one committed write costs this database, by the pause before.

A save is durable when its commit returns, and a commit waits for the database to write its
log to disk. How long that wait is depends on the disk, and on the virtual machines this project
is measured on, also on how long the database was idle before: back to back, a one-row `UPDATE`
commits in about 0.1 ms there; a few milliseconds apart, as the bench's rounds and a school's
saves come, in several times that (docs/performance.md). That is the least any save costs (the
bench's write floor), so it sets how near the floor an autosave can come.

On PostgreSQL each statement is also timed with `synchronous_commit` off, which returns before
the log is on disk: the difference is the wait for the disk. That is measured here, never set:
every commit of the app waits, so that a save acknowledged is a save kept."""

import statistics
import time

from django.db import connection

from .report import aligned

PAUSES_MS = (0, 1, 3, 10)
_TABLE = "bench_commit_probe"


def _median_ms(cursor, pause_ms: int, statements: int) -> float:
    """The median time of `statements` one-row updates, each committed on its own, each after a
    pause of `pause_ms` (the process sleeps, as a server between two requests)."""
    times = []
    for _ in range(statements):
        if pause_ms:
            time.sleep(pause_ms / 1000)
        start = time.perf_counter()
        cursor.execute(f"UPDATE {_TABLE} SET n = n + 1 WHERE id = 1")  # noqa: S608 - our constant
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 3)


def run(*, statements: int = 300, pauses=PAUSES_MS) -> dict:
    """For each pause, the median cost of a committed one-row write on the default database;
    on PostgreSQL also without waiting for the disk. Run in autocommit, outside any transaction:
    inside one, nothing would be committed."""
    if connection.in_atomic_block or not connection.get_autocommit():
        raise RuntimeError("The commit probe needs autocommit: each statement its own commit.")
    postgres = connection.vendor == "postgresql"
    rows = []
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {_TABLE} (id integer PRIMARY KEY, n integer NOT NULL)")
        try:
            cursor.execute(f"INSERT INTO {_TABLE} (id, n) VALUES (1, 0)")  # noqa: S608
            for pause in pauses:
                row = {"pause_ms": pause, "committed_ms": _median_ms(cursor, pause, statements)}
                if postgres:
                    cursor.execute("SET synchronous_commit = off")
                    try:
                        row["not_waiting_ms"] = _median_ms(cursor, pause, statements)
                    finally:
                        cursor.execute("RESET synchronous_commit")
                rows.append(row)
        finally:
            cursor.execute(f"DROP TABLE {_TABLE}")
    return {"database": connection.vendor, "statements": statements, "pauses": rows}


def table(results: dict) -> str:
    """The figures as a short table."""
    postgres = results["database"] == "postgresql"
    rows = [("pause before (ms)", "committed (ms)", "not waiting for the disk (ms)")]
    for row in results["pauses"]:
        waiting = f"{row['not_waiting_ms']:.3f}" if postgres else ""
        rows.append((str(row["pause_ms"]), f"{row['committed_ms']:.3f}", waiting))
    if not postgres:  # SQLite has no such setting
        rows = [row[:2] for row in rows]
    head = (
        f"{results['database']}: a one-row UPDATE committed on its own; medians of "
        f"{results['statements']} at each pause."
    )
    return "\n".join([head, "", *aligned(rows)])
