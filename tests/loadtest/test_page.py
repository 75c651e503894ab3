"""What the load test's students read off the app's pages (`loadtest/page.py`): the same form
a browser would submit. The pages are the app's own, rendered here, so a change of markup that
the load test would misread fails here, not in the middle of a load run."""

import random
import re

import pytest
from django.urls import reverse

from loadtest.page import answer_for, scan
from quizzes.models import Attempt, Response


@pytest.fixture
def quiz_page(client, student, khojaly_assignment):
    client.force_login(student)
    started = client.post(reverse("learning:attempt_start", args=[khojaly_assignment.pk]))
    attempt = Attempt.objects.get(student=student, assignment=khojaly_assignment)
    assert started.status_code == 302
    return attempt, client.get(reverse("learning:attempt_take", args=[attempt.pk]))


def test_the_login_page_gives_its_csrf_token(client):
    page = scan(client.get(reverse("accounts:login")).content.decode())

    assert re.fullmatch(r"[A-Za-z0-9]{64}", page.csrf)
    assert page.items == [] and page.controls == {}


def test_the_quiz_page_gives_every_item_in_order_with_its_controls(quiz_page):
    attempt, response = quiz_page
    page = scan(response.content.decode())

    assert page.items == attempt.item_order
    assert set(page.controls) == set(attempt.item_order)
    assert all(name.startswith(f"q{item}-") for item in page.items for name in page.controls[item])
    assert page.csrf


def test_the_answers_built_from_the_quiz_page_are_each_saved(client, quiz_page):
    attempt, response = quiz_page
    page = scan(response.content.decode())
    rng = random.Random(7)

    for item in page.items:
        data = answer_for(page.controls[item], rng)
        url = reverse("learning:response_save", args=[attempt.pk, item])
        saved = client.post(url, data, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
        assert saved.status_code == 200, (item, data, saved.content[:300])
        assert saved.json()["saved"] is True

    assert Response.objects.filter(attempt=attempt).count() == len(page.items)


def test_a_select_offers_only_its_options_with_a_value():
    page = scan(
        '<form><select name="q4-a"><option value="">Choose</option><option value="x">X</option>'
        '<option value="y">Y</option></select><select name="other"><option value="z">Z</option>'
        '</select><input type="radio" name="q5-choice" value="b&amp;c"></form>'
    )

    assert page.controls[4]["q4-a"].values == ["x", "y"]
    assert page.controls[5]["q5-choice"].values == ["b&c"]
    assert set(page.controls) == {4, 5}
