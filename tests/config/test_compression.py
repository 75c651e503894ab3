"""Pages are gzipped for browsers that accept it, BREACH considered (core/compression.py,
docs/security.md); static files are precompressed and cached for a year by their hash."""

import gzip
import json
import os
import subprocess
import sys

import pytest
from django.urls import reverse

from tests.config.test_production_settings import GOOD_SECRET, ROOT

pytestmark = pytest.mark.django_db
GZIP = {"Accept-Encoding": "gzip, deflate, br"}


def test_a_page_comes_gzipped_to_a_browser_that_accepts_it(client):
    plain = client.get(reverse("accounts:login"))
    zipped = client.get(reverse("accounts:login"), headers=GZIP)
    assert "Content-Encoding" not in plain
    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"]
    page = gzip.decompress(zipped.content).decode()
    assert "<form" in page and 'name="csrfmiddlewaretoken"' in page
    assert len(zipped.content) < len(plain.content) / 2


def test_each_gzipped_page_is_padded_with_random_bytes_and_a_fresh_csrf_token(client):
    bodies = [client.get(reverse("accounts:login"), headers=GZIP).content for _ in range(6)]
    assert len({len(body) for body in bodies}) > 1  # Django's padding against BREACH
    tokens = {
        gzip.decompress(body).decode().split('name="csrfmiddlewaretoken" value="')[1][:64]
        for body in bodies
    }
    assert len(tokens) == len(bodies)  # masked afresh for every response


def test_a_tiny_body_is_not_compressed(client):
    response = client.get(reverse("healthz"), headers=GZIP)
    assert len(response.content) < 200
    assert "Content-Encoding" not in response
    assert json.loads(response.content)["status"] == "ok"


def test_the_page_that_shows_a_new_password_is_never_compressed(
    client, teacher, classroom, student
):
    client.force_login(teacher)
    url = reverse("classroom:student_password_reset", args=[classroom.pk, student.pk])
    response = client.post(url, {"reason": "Forgot it"}, headers=GZIP)
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert "data-password" in response.content.decode()


def test_the_answers_export_streams_gzipped(client, teacher, classroom):
    client.force_login(teacher)
    response = client.get(reverse("classroom:export_responses", args=[classroom.pk]), headers=GZIP)
    assert response.streaming
    assert response["Content-Encoding"] == "gzip"
    text = gzip.decompress(b"".join(response.streaming_content)).decode("utf-8-sig")
    assert text.startswith("username,")


def test_hashed_static_files_are_precompressed_and_cached_for_a_year_in_production(tmp_path):
    """In production settings: collectstatic writes hashed, gzipped copies (whitenoise's
    CompressedManifestStaticFilesStorage), and a hashed file is served gzipped, immutable,
    for at least a year."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        ALLOWED_HOSTS="sourcelab.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        SECRET_KEY=GOOD_SECRET,
        STATIC_ROOT=str(tmp_path / "static"),
    )
    script = """
import json, django
django.setup()
from django.core.management import call_command
call_command("collectstatic", interactive=False, verbosity=0)
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.test import Client
url = staticfiles_storage.url("js/autosave.js")
response = Client().get(url, HTTP_ACCEPT_ENCODING="gzip", HTTP_HOST="sourcelab.example.org",
                        secure=True)
print(json.dumps({
    "backend": settings.STORAGES["staticfiles"]["BACKEND"],
    "url": url,
    "status": response.status_code,
    "cache_control": response.get("Cache-Control", ""),
    "encoding": response.get("Content-Encoding", ""),
}))
"""
    result = subprocess.run(  # noqa: S603 - fixed argv, our own code
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["backend"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert (
        seen["url"].startswith("/static/js/autosave.") and seen["url"] != "/static/js/autosave.js"
    )
    assert seen["status"] == 200
    assert seen["encoding"] == "gzip"
    directives = dict(part.strip().partition("=")[::2] for part in seen["cache_control"].split(","))
    assert "immutable" in directives
    assert int(directives["max-age"]) >= 365 * 24 * 3600
