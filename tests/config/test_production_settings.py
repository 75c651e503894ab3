"""Production mode refuses unsafe settings and passes Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_SECRET = "k3J9-vQ2x_Lp8ZrT5mW1yB7nC4dF6gH0jK2lM9nP3qR5sT8uV1wX4yZ7aB0cD3eF"


def run_manage(*args: str, **env_overrides: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        ALLOWED_HOSTS="sourcelab.example.org",
        DATABASE_URL=f"sqlite:///{ROOT / 'unused-prod-check.sqlite3'}",
    )
    env.update(env_overrides)
    return subprocess.run(  # noqa: S603 - fixed argv, our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_a_short_or_development_secret():
    result = run_manage("check", SECRET_KEY="local-development-only-not-secret")
    assert result.returncode != 0
    assert "SECRET_KEY must be a long random value" in result.stderr


def test_production_refuses_debug_on():
    result = run_manage("check", SECRET_KEY=GOOD_SECRET, DEBUG="true")
    assert result.returncode != 0
    assert "DEBUG must be off" in result.stderr


def test_production_passes_check_deploy_without_warnings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", SECRET_KEY=GOOD_SECRET)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_demo_accounts_are_refused_in_production():
    result = run_manage("demo", SECRET_KEY=GOOD_SECRET)
    assert result.returncode != 0
    assert "refused in production" in result.stderr


@pytest.fixture(autouse=True, scope="module")
def _no_leftover_database():
    yield
    (ROOT / "unused-prod-check.sqlite3").unlink(missing_ok=True)
