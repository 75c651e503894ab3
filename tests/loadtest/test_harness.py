"""`make load` itself: three students take the quiz through gunicorn, and the check that
follows would notice an acknowledged answer that is not stored, or a quiz graded twice.

The load test runs against PostgreSQL only, so these run in the PostgreSQL pass of the suite."""

import importlib.util
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
# The harness answers every item of the Khojaly quiz, however many the lesson has.
QUIZ_ITEMS = len(
    yaml.safe_load((ROOT / "seeds" / "khojaly" / "lesson.yaml").read_text(encoding="utf-8"))[
        "quiz"
    ]["items"]
)
BASE_URL = os.environ.get("DATABASE_URL", "")

pytestmark = [
    pytest.mark.skipif(
        not BASE_URL.startswith(("postgres://", "postgresql://")),
        reason="the load test needs PostgreSQL: run with DATABASE_URL=postgres://...",
    ),
    # `make test` installs the harness when DATABASE_URL points at PostgreSQL.
    pytest.mark.skipif(
        importlib.util.find_spec("locust") is None,
        reason="the load harness is not installed: pip install -r requirements/load.txt",
    ),
]


def _admin(url: str) -> str:
    return (url.rsplit("/", 1)[0] + "/postgres").replace("postgres://", "postgresql://", 1)


def _load(*args: str, timeout: int) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603  # our own harness, fixed arguments
        [sys.executable, "-m", "loadtest.run", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def load_run(tmp_path):
    """One small run in a database of its own (the harness only accepts names with "load")."""
    import psycopg

    database_url = BASE_URL.rsplit("/", 1)[0] + f"/sourcelab_load_smoke_{uuid.uuid4().hex[:8]}"
    out = tmp_path / "load"
    common = ["--database-url", database_url, "--redis-url", "redis://127.0.0.1:6379/6"]
    run = _load(
        "--students", "3", "--pace", "stress", "--workers", "2", "--out", str(out), *common,
        timeout=600,
    )  # fmt: skip
    yield out, run, database_url, common
    name = database_url.rsplit("/", 1)[-1]
    with psycopg.connect(_admin(database_url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_three_students_take_the_quiz_and_the_check_catches_a_lost_answer_or_double_grading(
    load_run,
):
    # One test, not two: the run takes a minute, and xdist would run a shared fixture twice.
    import psycopg

    out, run, database_url, common = load_run
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]
    summary = json.loads((out / "summary.json").read_text())
    verification = summary["verification"]
    assert verification["ok"]
    assert verification["answers_checked"] == 3 * QUIZ_ITEMS
    assert verification["lost_answers"] == 0
    assert verification["submits_acknowledged"] == 3
    assert verification["attempts_graded_twice"] == 0
    assert summary["users_done"] == 3
    assert summary["failed_requests"] == 0
    assert summary["latency"]["save"]["count"] >= 3 * QUIZ_ITEMS
    assert _load("--recheck", str(out), *common, timeout=120).returncode == 0

    url = database_url.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(url) as conn:
        conn.execute(
            "DELETE FROM quizzes_response WHERE id = (SELECT min(id) FROM quizzes_response)"
        )
    lost = _load("--recheck", str(out), *common, timeout=120)
    assert lost.returncode == 1
    assert "1 lost" in lost.stdout

    with psycopg.connect(url) as conn:  # a second grading of one item of a submitted quiz
        conn.execute(
            "INSERT INTO quizzes_score (attempt_id, question_id, origin, state, fraction,"
            " points_earned, points_possible, parts, feedback, response_data, try_number,"
            " created_at, created_by_id, reason)"
            " SELECT attempt_id, question_id, origin, state, fraction, points_earned,"
            " points_possible, parts, feedback, response_data, try_number, created_at,"
            " created_by_id, reason FROM quizzes_score"
            " WHERE id = (SELECT min(id) FROM quizzes_score WHERE origin = 'submit')"
        )
    twice = _load("--recheck", str(out), *common, timeout=120)
    assert twice.returncode == 1
    assert "1 graded twice" in twice.stdout
