"""Join codes that cannot be farmed (issue 13, point 4; review finding 6): wrong codes are
throttled per address and per browser session, accounts made through a code per address
and per code, and at those rates guessing a code is hopeless."""

from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client, override_settings
from django.urls import reverse

from accounts.models import User
from classroom.models import JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, Membership
from classroom.services import classroom_create

pytestmark = pytest.mark.django_db

JOIN = reverse("learning:join")
WRONG = "ZZZZZ-ZZZZZ"
SCHOOL = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.10"}
HOME = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.7"}


def join(client, code, **headers):
    """A code typed on the join page, with a whole sign-up form when nobody is logged in (a
    logged-in student's form reads only the code)."""
    return signup(client, code, "a.guesser", **headers)


def signup(client, code, username, **headers):
    return client.post(
        JOIN,
        {
            "join_code": code,
            "username": username,
            "password1": "tall-river-91",
            "password2": "tall-river-91",
        },
        **headers,
    )


def guesses(client, times, **headers):
    for _ in range(times):
        assert join(client, WRONG, **headers).status_code == 400


@pytest.fixture
def newcomer(db):
    return User.objects.create(username="n.newton", role=User.Role.STUDENT)


@override_settings(JOIN_CODE_FAILURE_RATE="5/10m", JOIN_CODE_FAILURE_SESSION_RATE="100/10m")
def test_wrong_codes_from_one_address_are_throttled_with_a_429_and_a_message(
    client, classroom, newcomer
):
    client.force_login(newcomer)
    guesses(client, 5)
    refused = join(client, classroom.join_code)  # even the right code: nothing is looked up
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    html = refused.content.decode()
    assert "Too many class codes that do not work" in html and "ask your teacher" in html
    assert not Membership.objects.filter(student=newcomer).exists()
    # Another browser at the same address is throttled too; the right code is not counted.
    other = Client()
    other.force_login(User.objects.create(username="o.other", role=User.Role.STUDENT))
    assert join(other, classroom.join_code).status_code == 429


@override_settings(JOIN_CODE_FAILURE_RATE="100/10m", JOIN_CODE_FAILURE_SESSION_RATE="3/10m")
def test_wrong_codes_in_one_session_are_throttled_and_other_sessions_go_on(
    client, classroom, newcomer
):
    guesses(client, 3)  # anonymous: a session is made for the count
    assert client.cookies.get(django_settings.SESSION_COOKIE_NAME)
    assert join(client, WRONG).status_code == 429
    other = Client()
    other.force_login(newcomer)
    assert join(other, classroom.join_code).status_code == 302
    assert Membership.objects.filter(student=newcomer, classroom=classroom).exists()


@override_settings(
    JOIN_CODE_FAILURE_RATE="4/10m", JOIN_CODE_FAILURE_SESSION_RATE="100/10m", PROXY_COUNT=1
)
def test_behind_one_proxy_guesses_are_counted_by_the_forwarded_address(client, classroom):
    guesses(client, 4, **SCHOOL)
    assert join(client, WRONG, **SCHOOL).status_code == 429
    assert join(Client(), WRONG, **HOME).status_code == 400  # home is not throttled
    forged = {**SCHOOL, "HTTP_X_FORWARDED_FOR": "192.0.2.1, 198.51.100.10"}
    assert join(Client(), WRONG, **forged).status_code == 429  # a forged left entry is ignored


@override_settings(JOIN_CODE_FAILURE_RATE="3/10m", JOIN_CODE_FAILURE_SESSION_RATE="100/10m")
def test_a_closed_class_or_an_expired_code_counts_as_a_wrong_code(client, classroom, newcomer):
    classroom.join_open = False
    classroom.save()
    client.force_login(newcomer)
    for _ in range(3):
        response = join(client, classroom.join_code)
        assert response.status_code == 400
        assert "not taking new students" in response.content.decode()
    assert join(client, classroom.join_code).status_code == 429


@override_settings(JOIN_SIGNUP_RATE="3/h")
def test_accounts_made_through_codes_from_one_address_are_limited(classroom):
    for n in range(3):
        assert signup(Client(), classroom.join_code, f"pupil.{n}").status_code == 302
    refused = signup(Client(), classroom.join_code, "pupil.3")
    assert refused.status_code == 429 and "Retry-After" in refused
    assert "Many accounts were just created" in refused.content.decode()
    assert not User.objects.filter(username="pupil.3").exists()
    # A student who already has an account still joins: only new accounts are limited.
    student = User.objects.create(username="has.account", role=User.Role.STUDENT)
    member = Client()
    member.force_login(student)
    assert join(member, classroom.join_code).status_code == 302


@override_settings(JOIN_SIGNUP_RATE="1000/h")
def test_one_valid_code_makes_only_so_many_accounts_from_anywhere(client, classroom, settings):
    """A code posted on the internet: each new account comes from another address."""
    other_classroom = classroom_create(teacher=classroom.teacher, name="Civics")
    settings.JOIN_SIGNUP_CODE_RATE = "3/h"
    settings.PROXY_COUNT = 1
    for n in range(3):
        there = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": f"198.51.100.{n + 1}"}
        assert signup(Client(), classroom.join_code, f"farm.{n}", **there).status_code == 302
    elsewhere = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.99"}
    refused = signup(Client(), classroom.join_code_display, "farm.3", **elsewhere)
    assert refused.status_code == 429
    assert not User.objects.filter(username="farm.3").exists()
    # Another class's code is counted apart.
    assert signup(Client(), other_classroom.join_code, "other.1", **elsewhere).status_code == 302


def test_below_the_limits_a_wrong_code_is_shown_at_its_field_and_makes_no_account(classroom):
    """Without a throttle spent, a wrong code says so at the field (400) and makes no
    account: the throttles only count, they do not change the answers."""
    response = signup(Client(), WRONG, "pupil.x")
    assert response.status_code == 400
    assert "No open class has that code" in response.content.decode()
    assert not User.objects.filter(username="pupil.x").exists()


def test_guessing_a_code_at_the_throttled_rate_is_hopeless():
    """The figures docs/security.md gives, from the settings' defaults: with 10,000 open
    classes, one address needs on average tens of thousands of years to hit any code."""
    codes = len(JOIN_CODE_ALPHABET) ** JOIN_CODE_LENGTH
    per, window = django_settings.JOIN_CODE_FAILURE_RATE.split("/")
    assert window == "10m"
    guesses_per_day = int(per) * 6 * 24
    open_classes = 10_000
    expected_guesses = codes / open_classes / 2  # half the space, on average, to hit one
    years = expected_guesses / guesses_per_day / 365
    assert codes == 31**10 and guesses_per_day == 7_200
    assert years > 10_000
    doc = (Path(django_settings.BASE_DIR) / "docs" / "security.md").read_text()
    assert f"{guesses_per_day:,}" in doc
    assert "about 8.2 \u00d7 10^14" in doc
    assert f"{round(years, -3):,.0f}" in doc
