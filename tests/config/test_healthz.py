from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_is_200_when_the_database_answers(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_is_503_when_the_database_does_not_answer(client):
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.cursor",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "down"


def test_healthz_needs_no_login_and_is_never_cached(client):
    response = client.get(reverse("healthz"))
    assert "no-cache" in response["Cache-Control"]


def test_pages_answer_a_friendly_503_when_the_database_is_down(student):
    from django.test import Client

    client = Client(raise_request_exception=False)
    client.force_login(student)
    with mock.patch(
        "learning.views.quiz.attempt_get_for_taking",  # the quiz page's read
        side_effect=OperationalError("could not connect to server: Connection refused"),
    ):
        response = client.get(reverse("learning:attempt_take", args=[1]))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert b"briefly unavailable" in response.content
    assert b"Traceback" not in response.content


def test_other_errors_get_a_plain_500_page_without_details(student):
    from django.test import Client

    client = Client(raise_request_exception=False)
    client.force_login(student)
    with mock.patch(
        "learning.views.quiz.attempt_get_for_taking", side_effect=RuntimeError("secret")
    ):
        response = client.get(reverse("learning:attempt_take", args=[1]))
    assert response.status_code == 500
    assert b"secret" not in response.content
