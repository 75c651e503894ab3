"""Two closers at once (say a teacher's grid and the scheduled job) grade an overdue attempt
once: two real processes on the same database, SQLite file or PostgreSQL, released together."""

import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from quizzes import services
from quizzes.models import Attempt
from tests.faults.server import ROOT, server_env

# Each process starts Django and connects, says it is ready, waits for the other, then closes
# what is due.
CLOSER = """
import os, pathlib, time
from django.db import connection
from quizzes.services import attempts_close_overdue
connection.ensure_connection()
folder = pathlib.Path(os.environ["CLOSER_FOLDER"])
(folder / os.environ["CLOSER_NAME"]).touch()
while len(list(folder.glob("ready-*"))) < 2:
    time.sleep(0.001)
print(attempts_close_overdue())
"""


def database_url_for_processes(folder: Path) -> str:
    """The test database as other processes can open it: PostgreSQL's test database by name;
    SQLite's in-memory test database copied to a file (the backup API)."""
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        return f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
    path = folder / "closers.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as target:
        connection.connection.backup(target)
    return f"sqlite:///{path}"


def scores_and_closes(url: str, attempt_id: int) -> tuple[int, str]:
    sql_scores = "SELECT COUNT(*) FROM quizzes_score WHERE attempt_id = %s"
    sql_closed = "SELECT submitted_at FROM quizzes_attempt WHERE id = %s"
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            scores = db.execute(sql_scores.replace("%s", "?"), (attempt_id,)).fetchone()[0]
            closed = db.execute(sql_closed.replace("%s", "?"), (attempt_id,)).fetchone()[0]
        return scores, str(closed)
    with connection.cursor() as cursor:
        cursor.execute(sql_scores, [attempt_id])
        scores = cursor.fetchone()[0]
    return scores, str(Attempt.objects.get(pk=attempt_id).submitted_at)


@pytest.mark.django_db(transaction=True)
def test_two_closing_processes_at_once_grade_an_overdue_attempt_once(student, assignment, tmp_path):
    attempt = services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment
    )
    # The student left two hours ago, with a ten-minute limit (moved in the database).
    started = timezone.now() - timedelta(hours=2)
    deadline = started + timedelta(minutes=10)
    Attempt.objects.filter(pk=attempt.pk).update(started_at=started, deadline=deadline)
    url = database_url_for_processes(tmp_path)

    closers = [
        subprocess.Popen(  # noqa: S603 - our own fixed argv
            [sys.executable, "manage.py", "shell", "-c", CLOSER],
            cwd=ROOT,
            env=server_env(url) | {"CLOSER_FOLDER": str(tmp_path), "CLOSER_NAME": f"ready-{i}"},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(2)
    ]
    outputs = [closer.communicate(timeout=120) for closer in closers]

    assert [closer.returncode for closer in closers] == [0, 0], outputs
    assert sorted(int(out.strip().splitlines()[-1]) for out, _err in outputs) == [0, 1]
    scores, submitted_at = scores_and_closes(url, attempt.pk)
    assert scores == len(attempt.item_order)
    assert submitted_at.replace("T", " ").startswith(str(deadline)[:19])
