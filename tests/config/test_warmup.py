"""config.warmup: an app server process loads at start what Django would load in its first
requests (the URL patterns and their reverse lookup, the caches, the session and message
classes, the context processors, every template of the project) and Argon2id's memory, so the
first students after a deploy do not wait for it."""

import gc
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines
from django.test import override_settings
from django.urls import get_resolver

from config import warmup

ROOT = Path(__file__).resolve().parents[2]


def _run(script: str) -> str:
    """The last line a new Python process prints running `script`, as gunicorn would start."""
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.test", "PYTHONPATH": str(ROOT), "PATH": ""}
    done = subprocess.run(  # noqa: S603 - our own fixed script, no shell
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


@pytest.fixture(autouse=True)
def _unfrozen():
    """`warm()` sets what exists aside from the collector; the test process gets it back."""
    yield
    gc.unfreeze()


def test_every_template_of_the_project_compiles_at_start(caplog):
    with caplog.at_level(logging.INFO, logger="config.warmup"):
        warmup.warm()
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert any("warmed up" in r.getMessage() for r in caplog.records)
    names = warmup.project_templates()
    assert {"base.html", "learning/attempt_take.html", "learning/attempt_result.html"} <= set(names)
    # The project's own, not the installed packages' (Django's admin, crispy-forms).
    assert not [n for n in names if n.startswith(("admin/", "bootstrap5/"))]


def test_what_the_start_loaded_is_set_aside_from_the_garbage_collector():
    """A full collection no longer walks the templates and URL patterns of the process."""
    gc.unfreeze()
    warmup.warm()
    frozen = gc.get_freeze_count()
    assert frozen > 10_000
    gc.collect()
    assert gc.get_freeze_count() == frozen  # collections leave it where it is


def test_the_url_patterns_and_their_reverse_lookup_are_loaded_for_every_language():
    resolver = get_resolver()
    warmup.warm()
    assert resolver._populated
    languages = {code for code, _name in settings.LANGUAGES}
    assert languages <= set(resolver._reverse_dict)


def test_a_template_that_does_not_compile_is_logged_and_the_start_goes_on(tmp_path, caplog):
    (tmp_path / "broken.html").write_text("{% if %}")
    (tmp_path / "fine.html").write_text("<p>{{ x }}</p>")
    templates = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    with (
        override_settings(TEMPLATES=templates, BASE_DIR=tmp_path),
        caplog.at_level(logging.ERROR, logger="config.warmup"),
    ):
        assert warmup.project_templates() == ["broken.html", "fine.html"]
        warmup.warm()
        assert engines["django"].get_template("fine.html").render({"x": 1}) == "<p>1</p>"
    assert [r.getMessage() for r in caplog.records] == ["template broken.html does not compile"]


def test_a_new_process_serves_its_first_page_without_loading_anything_more():
    """What gunicorn does: import config.wsgi, then serve. The first request of a new worker
    imports no module; before the warm-up it imported every view, the Redis library and the
    context processors, and compiled its templates (about half a second of CPU)."""
    script = (
        "import sys\n"
        "import config.wsgi\n"
        "from django.test import Client\n"
        "client = Client(HTTP_HOST='localhost')\n"
        "before = set(sys.modules)\n"
        "status = client.get('/accounts/login/').status_code\n"
        "print(status, sorted(set(sys.modules) - before))\n"
    )
    assert _run(script) == "200 []"


_FIRST_CHECK_FAULTS = (
    "from accounts.hashers import argon2id_digest\n"
    "from config.warmup import _page_faults\n"
    "before = _page_faults()\n"
    "argon2id_digest(b'a pupil password', b'sixteen-byte-slt')\n"
    "print(_page_faults() - before)\n"
)


def test_a_new_process_checks_its_first_password_in_memory_it_already_has():
    """Without the warm-up, a process's first Argon2id checks fault in their 19 MiB afresh
    (about 4,900 pages, 13 to 16 ms of system CPU each); after it, the first login reuses it."""
    cold = int(_run("import django\ndjango.setup()\n" + _FIRST_CHECK_FAULTS))
    warm = int(_run("import config.wsgi\n" + _FIRST_CHECK_FAULTS))

    assert cold > 4_000
    assert warm < 100


def test_argon2_memory_that_stays_fresh_is_logged_and_the_start_goes_on(monkeypatch, caplog):
    faults = iter(range(0, 100_000, 5_000))
    monkeypatch.setattr(warmup, "_page_faults", lambda: next(faults))
    with caplog.at_level(logging.WARNING, logger="config.warmup"):
        assert warmup._keep_argon2_memory() is False
    assert [r.getMessage() for r in caplog.records] == [
        "Argon2id still maps fresh memory after 4 checks"
    ]


def test_an_argon2_library_with_a_wrong_answer_is_logged_at_start(monkeypatch, caplog):
    monkeypatch.setattr(warmup, "argon2_known_answer_holds", lambda: False)
    with caplog.at_level(logging.ERROR, logger="config.warmup"):
        warmup._keep_argon2_memory()
    assert "Argon2 does not compute the known answer" in caplog.records[0].getMessage()
