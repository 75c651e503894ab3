"""`make load` itself: three students take the quiz through gunicorn, and the check that
follows would notice an acknowledged answer that is not stored, or a quiz graded twice; then
through two app servers behind HAProxy, each serving every student.

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


def _small_run(tmp_path, *options: str):
    """One small run in a database of its own (the harness only accepts names with "load");
    yields the out dir, the finished run, the database URL and the options naming both."""
    import psycopg

    database_url = BASE_URL.rsplit("/", 1)[0] + f"/sourcelab_load_smoke_{uuid.uuid4().hex[:8]}"
    out = tmp_path / "load"
    common = ["--database-url", database_url, "--redis-url", "redis://127.0.0.1:6379/6"]
    run = _load(
        "--students", "3", "--pace", "stress", "--out", str(out), *options, *common,
        timeout=600,
    )  # fmt: skip
    yield out, run, database_url, common
    name = database_url.rsplit("/", 1)[-1]
    with psycopg.connect(_admin(database_url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def load_run(tmp_path):
    yield from _small_run(tmp_path, "--workers", "2")


@pytest.fixture
def two_server_run(tmp_path):
    """Two gunicorn masters of one worker each behind HAProxy, and a bell of three logins."""
    options = ["--servers", "2", "--proxy", "haproxy", "--workers", "1", "--bell", "3"]
    yield from _small_run(tmp_path, *options, "--bell-rounds", "1")


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


def test_two_app_servers_behind_haproxy_each_serve_every_student_and_nothing_is_lost(
    two_server_run,
):
    out, run, _database_url, _common = two_server_run
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]
    summary = json.loads((out / "summary.json").read_text())
    assert summary["settings"]["servers"] == 2
    assert summary["settings"]["proxy"] == "haproxy"
    served = summary["served_by"]
    assert set(served) == {"app1", "app2"}
    assert min(served.values()) >= sum(served.values()) / 8, served
    # No sticky sessions: each student's quiz requests reached both servers.
    assert summary["attempts_on_every_server"] == [3, 3]
    verification = summary["verification"]
    assert verification["ok"], verification["problems"]
    assert verification["answers_checked"] == 3 * QUIZ_ITEMS
    assert verification["lost_answers"] == 0
    assert verification["submits_acknowledged"] == 3
    assert verification["attempts_graded_twice"] == 0
    # The app read the client's address through the proxy (PROXY_COUNT=1): not the proxy's
    # own 127.0.0.2, not the X-Forwarded-For the clients forged.
    assert verification["login_addresses"] == ["127.0.0.1"]
    assert summary["users_done"] == 3
    assert summary["failed_requests"] == 0
    bell = summary["bell"]["bell: login"]
    assert (bell["count"], bell["errors"]) == (3, 0)
    assert (out / "haproxy.conf").read_text().count(" check maxconn 1 source 127.0.0.2") == 2
