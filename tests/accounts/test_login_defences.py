"""Logging in from a school behind one address (issue 13, point 3): growing waits per username
and address instead of a 15-minute lock, a throttle on failures per address across usernames,
the client address read through PROXY_COUNT proxies, and a teacher's way to lift a wait."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessAttemptExpiration
from django.db.models import F
from django.test import override_settings
from django.urls import reverse

from accounts.lockout import cool_off, login_wait
from accounts.models import User
from accounts.services import login_lock_clear, user_create
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")


def login(client, username, password="wrong-guess", **headers):  # noqa: S107
    return client.post(LOGIN, {"username": username, "password": password}, **headers)


def fail(client, username, times, **headers):
    return [login(client, username, **headers).status_code for _ in range(times)]


def time_passes(seconds: float) -> None:
    """Move axes' records into the past, as if `seconds` had gone by."""
    delta = timedelta(seconds=seconds)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - delta)
    AccessAttemptExpiration.objects.update(expires_at=F("expires_at") - delta)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


# --- the schedule, as a table ------------------------------------------------------------


@pytest.mark.parametrize(
    ("failures", "wait"),
    [
        (0, 0),
        (4, 0),
        (5, 30),
        (6, 60),
        (7, 120),
        (8, 240),
        (9, 480),
        (10, 900),  # 960 capped at 15 minutes
        (11, 900),
        (10_000, 900),
    ],
)
def test_the_wait_grows_from_the_limit_and_stops_at_the_longest(failures, wait):
    got = login_wait(failures, limit=5, first=timedelta(seconds=30), longest=timedelta(minutes=15))
    assert got == timedelta(seconds=wait)


def test_axes_asking_for_the_cool_off_without_a_request_gets_the_longest(settings):
    assert cool_off(None) == settings.LOGIN_FAILURE_MEMORY


# --- one username at one address ---------------------------------------------------------


def test_four_wrong_passwords_cost_nothing_and_the_fifth_brings_a_30_second_wait(client, student):
    assert fail(client, student.username, 4) == [200] * 4

    response = login(client, student.username)

    assert response.status_code == 429
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Too many login attempts" in html
    assert "Wait 30 seconds" in html
    assert "ask your teacher" in html


def test_after_the_wait_the_right_password_works_and_clears_the_count(client, student):
    fail(client, student.username, 5)
    assert login(client, student.username, PASSWORD).status_code == 429  # still waiting

    time_passes(31)
    assert login(client, student.username, PASSWORD).status_code == 302

    assert logged_in(client)
    assert not AccessAttempt.objects.exists()


def test_a_try_during_the_wait_is_refused_unchecked_and_does_not_make_it_longer(client, student):
    fail(client, student.username, 5)
    for _ in range(3):
        response = login(client, student.username, PASSWORD)
        assert response.status_code == 429
    assert AccessAttempt.objects.get().failures_since_start == 5
    time_passes(20)
    assert 1 <= int(login(client, student.username)["Retry-After"]) <= 10


def test_each_failure_after_a_wait_doubles_the_next_wait_up_to_15_minutes(client, student):
    fail(client, student.username, 5)
    waits = []
    for _ in range(6):
        time_passes(16 * 60)  # past any wait, well within the hour the count is kept
        response = login(client, student.username)
        assert response.status_code == 429
        waits.append(int(response["Retry-After"]))
    assert waits == [60, 120, 240, 480, 900, 900]


def test_failures_are_forgotten_an_hour_after_the_last_one(client, student):
    fail(client, student.username, 3)
    time_passes(50 * 60)
    fail(client, student.username, 1)  # the fourth, 50 minutes later: remembered anew
    time_passes(50 * 60)
    assert login(client, student.username).status_code == 429  # the fifth within the hour

    time_passes(61 * 60)
    assert fail(client, student.username, 4) == [200] * 4  # counting starts again


def test_a_classmate_guessing_at_the_school_address_does_not_keep_others_out(
    client, student, teacher
):
    fail(client, student.username, 5)
    assert login(client, teacher.username, PASSWORD).status_code == 302


def test_a_teacher_lifts_the_wait_with_login_lock_clear(client, student):
    fail(client, student.username, 7)
    assert login(client, student.username, PASSWORD).status_code == 429

    assert login_lock_clear(username=student.username) >= 1

    assert login(client, student.username, PASSWORD).status_code == 302
    assert not AccessAttempt.objects.exists()


def test_clearing_a_username_leaves_other_usernames_waiting(client, student, teacher):
    fail(client, student.username, 5)
    fail(client, teacher.username, 5)
    login_lock_clear(username=student.username)
    assert login(client, teacher.username, PASSWORD).status_code == 429


# --- the address: proxies ----------------------------------------------------------------


@override_settings(PROXY_COUNT=1)
def test_behind_one_proxy_pupils_with_different_forwarded_addresses_are_counted_apart(
    client, student
):
    pupil_a = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.10"}
    pupil_b = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.20"}
    fail(client, student.username, 5, **pupil_a)

    assert login(client, student.username, PASSWORD, **pupil_a).status_code == 429
    assert login(client, student.username, PASSWORD, **pupil_b).status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.10"}


@override_settings(PROXY_COUNT=1)
def test_behind_one_proxy_an_address_the_client_wrote_to_the_left_is_ignored(client, student):
    for forged in ("1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4", "5.5.5.5"):
        headers = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": f"{forged}, 198.51.100.10"}
        login(client, student.username, **headers)
    assert AccessAttempt.objects.get().ip_address == "198.51.100.10"
    assert login(client, student.username, PASSWORD, REMOTE_ADDR="10.0.0.2",
                 HTTP_X_FORWARDED_FOR="198.51.100.10").status_code == 429  # fmt: skip


@override_settings(PROXY_COUNT=0)
def test_without_a_proxy_a_forged_forwarded_for_is_ignored(client, student):
    for forged in ("1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4", "5.5.5.5"):
        login(client, student.username, REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=forged)

    assert AccessAttempt.objects.get().ip_address == "203.0.113.9"
    response = login(
        client,
        student.username,
        PASSWORD,
        REMOTE_ADDR="203.0.113.9",
        HTTP_X_FORWARDED_FOR="9.9.9.9",
    )
    assert response.status_code == 429


# --- the address: password spraying ------------------------------------------------------


@pytest.fixture
def pupils(db):
    return [
        user_create(username=f"pupil-{n}", password=PASSWORD, role=User.Role.STUDENT)
        for n in range(8)
    ]


@override_settings(LOGIN_ADDRESS_FAILURE_RATE="6/10m")
def test_many_failures_over_many_usernames_from_one_address_slow_everyone_there_down(
    client, pupils
):
    for pupil in pupils[:6]:
        assert login(client, pupil.username).status_code == 200  # one guess each: no wait

    response = login(client, pupils[6].username, PASSWORD)  # after the 6th failure: none

    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 600
    assert "from this network" in response.content.decode()
    assert not logged_in(client)


@override_settings(LOGIN_ADDRESS_FAILURE_RATE="6/10m", PROXY_COUNT=1)
def test_the_throttle_of_one_address_leaves_other_addresses_alone(client, pupils):
    sprayer = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "192.0.2.66"}
    school = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.10"}
    for pupil in pupils[:7]:
        login(client, pupil.username, **sprayer)
    assert login(client, pupils[7].username, PASSWORD, **sprayer).status_code == 429
    assert login(client, pupils[7].username, PASSWORD, **school).status_code == 302


@override_settings(LOGIN_ADDRESS_FAILURE_RATE="2/10m")
def test_the_admin_login_is_throttled_too(client, pupils, author):
    fail(client, "nobody", 1)
    fail(client, "no-one", 2)
    response = client.post(
        reverse("admin:login"), {"username": author.username, "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_successful_login_does_not_count_against_the_address(client, pupils):
    with override_settings(LOGIN_ADDRESS_FAILURE_RATE="2/10m"):
        for pupil in pupils:
            client.logout()
            assert login(client, pupil.username, PASSWORD).status_code == 302
