"""With the database stopped, pages answer a friendly 503; the app recovers by itself."""

import contextlib
import shutil
import tempfile
import time
from pathlib import Path

import pytest

from tests.faults.server import Browser, Gunicorn, SubprocessFailed, ThrowawayPostgres, manage

pytestmark = pytest.mark.skipif(
    not ThrowawayPostgres.available(), reason="needs PostgreSQL server binaries (initdb)"
)


@pytest.fixture
def pg_folder():
    # Not under pytest's tmp_path: the postgres user must be able to reach it.
    folder = Path(tempfile.mkdtemp(prefix="sourcelab-pg-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_pages_answer_503_while_the_database_is_down_and_recover_after(pg_folder, static_root):
    pg = ThrowawayPostgres(pg_folder)
    pg.init()
    pg.start()
    server = Gunicorn(pg.url, static_root)
    try:
        manage(pg.url, "migrate", "--no-input")
        manage(pg.url, "demo")
        server.start()
        browser = Browser(server.url)
        browser.login("student1", "sourcelab-student")
        assert browser.request("/")[0] == 200

        pg.stop()
        status, body, _ = browser.request("/")
        assert status == 503
        assert "briefly unavailable" in body
        assert browser.request("/healthz")[0] == 503

        pg.start()
        deadline = time.monotonic() + 20
        status = None
        while time.monotonic() < deadline:
            status = browser.request("/")[0]
            if status == 200:
                break
            time.sleep(0.5)
        assert status == 200, "the app did not recover after the database came back"
        assert browser.request("/healthz")[0] == 200
    finally:
        server.close()
        with contextlib.suppress(SubprocessFailed):  # already stopped
            pg.stop()
