import os
import sqlite3
import uuid

import pytest

from tests.faults.server import Gunicorn, manage


def query(database_url: str, sql: str, params=()) -> list[tuple]:
    if database_url.startswith("sqlite:///"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as conn:
            return conn.execute(sql, params).fetchall()
    import psycopg

    with psycopg.connect(database_url.replace("postgres://", "postgresql://", 1)) as conn:
        return conn.execute(sql.replace("?", "%s"), params).fetchall()


@pytest.fixture(scope="session", autouse=True)
def _collected_static():
    """The servers run with DEBUG off, so static files come from a collected manifest."""
    manage("sqlite:///:memory:", "collectstatic", "--no-input", "--clear", "-v0")


@pytest.fixture
def server_database(tmp_path):
    """A database of the test's own with the demo data: a fresh PostgreSQL database when
    DATABASE_URL points at PostgreSQL, an SQLite file otherwise."""
    base = os.environ.get("DATABASE_URL", "")
    if base.startswith(("postgres://", "postgresql://")):
        import psycopg

        name = f"sourcelab_fault_{uuid.uuid4().hex[:8]}"
        admin = base.rsplit("/", 1)[0] + "/postgres"
        admin = admin.replace("postgres://", "postgresql://", 1)
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        url = base.rsplit("/", 1)[0] + "/" + name
        manage(url, "migrate", "--no-input")
        manage(url, "demo")
        yield url
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        url = f"sqlite:///{tmp_path / 'fault.sqlite3'}"
        manage(url, "migrate", "--no-input")
        manage(url, "demo")
        yield url


@pytest.fixture
def gunicorn(server_database):
    server = Gunicorn(server_database)
    server.start()
    yield server
    server.stop()
