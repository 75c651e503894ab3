"""With Redis, sessions are Django's `cached_db` with a login's new session written once
(accounts/sessions.py): the key still changes at login (no session fixation), the session is
inserted once at the end of the request, and a key already taken is never overwritten."""

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import sessions
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")


@pytest.fixture(autouse=True)
def store(settings):
    settings.SESSION_ENGINE = "accounts.sessions"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    return sessions.SessionStore


def log_in(client, student):
    return client.post(LOGIN, {"username": student.username, "password": PASSWORD})


def session_statements(captured) -> list[str]:
    return [q["sql"].split()[0] for q in captured.captured_queries if "django_session" in q["sql"]]


def test_a_login_writes_its_session_once_and_signs_the_student_in(client, student):
    with CaptureQueriesContext(connection) as captured:
        response = log_in(client, student)
    assert response.status_code == 302
    assert session_statements(captured) == ["INSERT"]  # no lookup of the key, no update
    key = client.cookies["sessionid"].value
    assert Session.objects.get(session_key=key).get_decoded()["_auth_user_id"] == str(student.pk)
    assert client.get(response["Location"]).status_code == 200  # signed in, from the cache


def test_a_session_from_before_the_login_gets_a_new_key_and_the_old_one_is_gone(client, student):
    before = client.session  # a session the visitor already had, with something in it
    before["chosen"] = "kept"
    before.save()
    client.cookies["sessionid"] = before.session_key

    log_in(client, student)

    after = client.cookies["sessionid"].value
    assert after != before.session_key
    assert not Session.objects.filter(session_key=before.session_key).exists()
    assert sessions.SessionStore(session_key=before.session_key).load() == {}  # nor cached
    assert client.session["chosen"] == "kept"


def test_a_key_already_taken_is_left_alone_and_another_is_drawn(
    client, student, store, monkeypatch
):
    taken = store()
    taken["owner"] = "someone else"
    taken.create()
    drawn = iter([taken.session_key, "a" * 32])
    monkeypatch.setattr(sessions, "_key_new", lambda: next(drawn))

    log_in(client, student)

    assert client.cookies["sessionid"].value == "a" * 32
    assert store(session_key=taken.session_key).load() == {"owner": "someone else"}
    assert Session.objects.get(session_key="a" * 32).get_decoded()["_auth_user_id"] == str(
        student.pk
    )


def test_after_the_first_save_the_session_is_updated_in_place(store):
    session = store()
    session["first"] = 1
    session.cycle_key()
    session.save()
    key = session.session_key
    session["second"] = 2
    with CaptureQueriesContext(connection) as captured:
        session.save()
    assert session_statements(captured) == ["UPDATE"]
    assert store(session_key=key).load() == {"first": 1, "second": 2}
