import contextlib
import fcntl
import os
import shutil
import sqlite3
import uuid
from pathlib import Path

import pytest

from tests.faults.server import Gunicorn, manage


def query(database_url: str, sql: str, params=()) -> list[tuple]:
    if database_url.startswith("sqlite:///"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as conn:
            return conn.execute(sql, params).fetchall()
    import psycopg

    with psycopg.connect(database_url.replace("postgres://", "postgresql://", 1)) as conn:
        return conn.execute(sql.replace("?", "%s"), params).fetchall()


@contextlib.contextmanager
def _locked(path: Path):
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def static_root(tmp_path_factory) -> Path:
    """The servers run with DEBUG off, so static files come from a collected manifest.

    Collected once per test run into a folder of the run's own: never a fixed path that another
    pytest worker or another checkout clears while a server reads it. The pytest-xdist workers
    of one run share it (their temporary folders have the run's folder as parent); the first
    to arrive collects, under a lock, and the others wait for it."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        root = tmp_path_factory.mktemp("static")
        manage("sqlite:///:memory:", "collectstatic", "--no-input", "-v0", static_root=root)
        return root
    run_folder = tmp_path_factory.getbasetemp().parent
    root = run_folder / "fault-static"
    with _locked(run_folder / "fault-static.lock"):
        if not (root / "staticfiles.json").exists():  # written last by collectstatic
            shutil.rmtree(root, ignore_errors=True)  # a worker that failed half-way
            manage("sqlite:///:memory:", "collectstatic", "--no-input", "-v0", static_root=root)
    return root


@contextlib.contextmanager
def demo_database(folder: Path):
    """A database of its own with the demo data: a fresh PostgreSQL database when DATABASE_URL
    points at PostgreSQL, an SQLite file in `folder` otherwise."""
    base = os.environ.get("DATABASE_URL", "")
    if base.startswith(("postgres://", "postgresql://")):
        import psycopg

        name = f"sourcelab_fault_{uuid.uuid4().hex[:8]}"
        admin = base.rsplit("/", 1)[0] + "/postgres"
        admin = admin.replace("postgres://", "postgresql://", 1)
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        url = base.rsplit("/", 1)[0] + "/" + name
        try:
            manage(url, "migrate", "--no-input")
            manage(url, "demo")
            yield url
        finally:
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        url = f"sqlite:///{folder / 'fault.sqlite3'}"
        manage(url, "migrate", "--no-input")
        manage(url, "demo")
        yield url


@pytest.fixture(scope="module")
def server_database(tmp_path_factory):
    """One demo database for a module's tests, which log in as different demo students so that
    none sees another's attempt. Migrating and loading the demo takes two Django start-ups.

    pytest-xdist sends consecutive tests to a worker in chunks, so a module's tests mostly run
    in one worker; when they do not, each worker makes its own. (--dist loadgroup would make
    sure, but it groups nothing with pytest 9.2: pytest-xdist issue #1386.)"""
    with demo_database(tmp_path_factory.mktemp("fault-db")) as url:
        yield url


@pytest.fixture(scope="module")
def gunicorn(server_database, static_root):
    """One gunicorn for a module's tests (a test that restarts it leaves it running)."""
    server = Gunicorn(server_database, static_root)
    server.start()
    yield server
    server.close()
