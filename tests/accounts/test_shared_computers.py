"""Shared school computers (issue 13, point 7): sessions end with the browser and after an
idle timeout, exports are not cached, and a forgotten password has a way back."""

import re
import time

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from accounts.middleware import LAST_SEEN
from accounts.models import User
from accounts.services import user_create
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
RESET = reverse("accounts:password_reset")


def set_last_seen(client, seconds_ago: int) -> None:
    session = client.session
    session[LAST_SEEN] = int(time.time()) - seconds_ago
    session.save()


# --- sessions -----------------------------------------------------------------------------


def test_the_session_cookie_ends_when_the_browser_closes(client, student):
    response = client.post(LOGIN, {"username": student.username, "password": PASSWORD})
    cookie = response.cookies["sessionid"]
    assert cookie.value
    assert not cookie["max-age"] and not cookie["expires"]


def test_after_an_hour_without_a_request_the_student_is_signed_out(client, student):
    client.force_login(student)
    set_last_seen(client, 61 * 60)

    response = client.get(reverse("learning:dashboard"), follow=True)

    assert response.redirect_chain[-1][0].startswith(LOGIN)
    assert "_auth_user_id" not in client.session
    assert "signed out after 60 minutes without activity" in response.content.decode()


def test_activity_within_the_hour_keeps_the_session(client, student):
    client.force_login(student)
    set_last_seen(client, 59 * 60)
    assert client.get(reverse("learning:dashboard")).status_code == 200
    assert client.session[LAST_SEEN] >= int(time.time()) - 5  # the clock starts again


def test_the_last_activity_is_written_at_most_once_a_minute(client, student):
    client.force_login(student)
    set_last_seen(client, 30)
    before = client.session[LAST_SEEN]
    client.get(reverse("learning:dashboard"))
    assert client.session[LAST_SEEN] == before  # under a minute: the session is not written

    set_last_seen(client, 61)
    client.get(reverse("learning:dashboard"))
    assert client.session[LAST_SEEN] > before


@override_settings(SESSION_IDLE_MINUTES=0)
def test_an_idle_timeout_of_zero_never_signs_out(client, student):
    client.force_login(student)
    set_last_seen(client, 30 * 24 * 3600)
    assert client.get(reverse("learning:dashboard")).status_code == 200


def test_the_privacy_export_is_never_stored_by_the_browser(client, teacher, student, classroom):
    client.force_login(teacher)
    response = client.get(reverse("privacy:student_export", args=[student.pk]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


# --- a forgotten password -----------------------------------------------------------------


def test_the_login_page_tells_students_and_teachers_how_to_get_back_in(client):
    html = client.get(LOGIN).content.decode()
    assert "Students: ask your teacher" in html
    assert "ask your school's Source Lab administrator" in html
    assert RESET not in html  # no e-mail on this server: no link to a dead end


def test_without_e_mail_the_reset_page_says_whom_to_ask_and_sends_nothing(client, teacher):
    teacher.email = "t.hopper@example.org"
    teacher.save()
    for response in (client.get(RESET), client.post(RESET, {"email": teacher.email})):
        assert response.status_code == 200
        assert "does not send e-mail" in response.content.decode()
    assert not mail.outbox


@pytest.fixture
def by_email(settings):
    settings.PASSWORD_RESET_BY_EMAIL = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_with_e_mail_the_login_page_links_to_the_reset(client, by_email):
    assert RESET in client.get(LOGIN).content.decode()


def test_a_teacher_resets_a_forgotten_password_by_e_mail(client, teacher, by_email):
    teacher.email = "t.hopper@example.org"
    teacher.save()

    response = client.post(RESET, {"email": "t.hopper@example.org"})

    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", mail.outbox[0].body)
    form = client.get(link.group(1), follow=True)
    assert "Choose a new password" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a-fresh-long-phrase", "new_password2": "a-fresh-long-phrase"},
    )
    assert done.url == reverse("accounts:password_reset_complete")
    teacher.refresh_from_db()
    assert teacher.check_password("a-fresh-long-phrase")


def test_a_student_gets_no_reset_e_mail_even_with_an_address(client, student, by_email):
    student.email = "pupil@example.org"
    student.save()
    assert client.post(RESET, {"email": "pupil@example.org"}).status_code == 302
    assert not mail.outbox


def test_reset_requests_from_one_address_are_limited(client, by_email, settings):
    settings.PASSWORD_RESET_RATE = "2/h"
    user_create(username="t.two", password=PASSWORD, role=User.Role.TEACHER)
    statuses = [client.post(RESET, {"email": f"x{n}@example.org"}).status_code for n in range(3)]
    assert statuses == [302, 302, 429]
    response = client.post(RESET, {"email": "x@example.org"})
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "Too many password reset requests" in response.content.decode()
