"""Bad input is a 4xx with a message, never a 500 and never lost data (issue 13, point 5):
NUL bytes, bodies in other charsets, and autosave bodies that are not a form. Runs on SQLite
and on PostgreSQL (DATABASE_URL), where a NUL in text used to be a DataError."""

import pytest
from django.test import Client
from django.urls import reverse

from classroom.models import Membership
from quizzes import services
from quizzes.models import Question, Response

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"


def csrf_client(url: str) -> tuple[Client, str]:
    """A client that enforces CSRF as a browser meets it, with the token of `url`'s page."""
    client = Client(enforce_csrf_checks=True)
    client.get(url)
    return client, client.cookies["csrftoken"].value


# --- charsets -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["accounts:login", "learning:join"])
@pytest.mark.parametrize("charset", ["latin-1", "utf-16", "no-such-charset"])
def test_a_form_in_another_charset_is_a_400_with_a_message(db, name, charset):
    url = reverse(name)
    client, token = csrf_client(url)
    text = f"csrfmiddlewaretoken={token}&username=caf\xe9&password=x&join_code=ABCD2345"
    body = text.encode("utf-8" if charset == "no-such-charset" else charset)

    response = client.generic("POST", url, body, content_type=f"{FORM}; charset={charset}")

    assert response.status_code == 400
    assert "UTF-8" in response.content.decode()


@pytest.mark.parametrize("charset", ["UTF-8", "utf8", "utf_8"])
def test_utf8_under_any_of_its_names_is_read(client, student, charset):
    body = f"username={student.username}&password=wrong-guess".encode()
    response = client.generic(
        "POST", reverse("accounts:login"), body, content_type=f"{FORM}; charset={charset}"
    )
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_a_multipart_body_in_another_charset_is_refused_too(client):
    body = b'--b\r\nContent-Disposition: form-data; name="username"\r\n\r\nx\r\n--b--\r\n'
    response = client.generic(
        "POST",
        reverse("accounts:login"),
        body,
        content_type="multipart/form-data; boundary=b; charset=utf-16",
    )
    assert response.status_code == 400


# --- NUL bytes ----------------------------------------------------------------------------


def test_a_nul_byte_in_the_join_form_is_a_400_and_no_account(client, classroom):
    response = client.post(
        reverse("learning:join"),
        {
            "join_code": classroom.join_code,
            "username": "amira",
            "display_name": "Amira\x00",
            "password1": "river-bridge-1911",
            "password2": "river-bridge-1911",
        },
    )
    assert response.status_code == 400
    assert "NUL" in response.content.decode()
    assert not Membership.objects.filter(student__username="amira").exists()


def test_a_nul_byte_in_a_field_name_is_a_400(client, student):
    assert client.post(reverse("accounts:login"), {"user\x00name": "x"}).status_code == 400


@pytest.fixture
def attempt(student, assignment):
    return services.attempt_start(student=student, lesson=assignment.lesson, assignment=assignment)


@pytest.fixture
def short_text(attempt):
    return Question.objects.filter(pk__in=attempt.item_order, type="short_text").first()


@pytest.fixture
def saved(client, student, attempt, short_text):
    """The student's answer to a short-text question, already stored; returns its save URL."""
    client.force_login(student)
    url = reverse("learning:response_save", args=[attempt.pk, short_text.pk])
    assert client.post(url, {f"{short_text.uid}-text": "my real answer"}).status_code == 200
    return url


def stored_answer(short_text):
    return Response.objects.get(question=short_text).data


def test_a_nul_byte_in_an_autosaved_answer_is_a_json_400_and_the_answer_stays(
    client, saved, short_text
):
    response = client.post(saved, {f"{short_text.uid}-text": "new\x00answer"})

    assert response.status_code == 400
    assert response.json()["saved"] is False and "NUL" in response.json()["error"]
    assert stored_answer(short_text) == {"text": "my real answer"}


def test_a_nul_byte_in_the_quiz_form_is_a_400(client, saved, attempt, short_text):
    response = client.post(
        reverse("learning:attempt_take", args=[attempt.pk]),
        {"items": [short_text.pk], f"{short_text.uid}-text": "\x00"},
    )
    assert response.status_code == 400
    assert stored_answer(short_text) == {"text": "my real answer"}


def test_a_nul_byte_in_a_lesson_activity_is_a_400(client, student, assignment):
    client.force_login(student)
    activity = assignment.lesson.questions.exclude(step__kind="quiz").first()
    for name in ("learning:activity_save", "learning:activity_check"):
        url = reverse(name, args=[assignment.pk, activity.pk])
        assert client.post(url, {f"{activity.uid}-text": "a\x00b"}).status_code == 400
    assert not Response.objects.exists()


# --- autosave bodies that are not a form ---------------------------------------------------


@pytest.mark.parametrize(
    ("content_type", "body", "status"),
    [
        ("application/json", b'{"answer": "x"}', 415),
        ("text/plain", b"anything at all", 415),
        ("application/octet-stream", b"\x00\x01\x02", 415),
        ("multipart/form-data; boundary=xyz", b"not a multipart body", 400),  # parses empty
        ("multipart/form-data", b"--xyz\r\n\r\nno boundary declared\r\n--xyz--", 400),
        (FORM, b"&", 400),  # a form without a single field
    ],
)
def test_autosave_refuses_a_body_that_is_not_a_form_and_keeps_the_answer(
    client, saved, short_text, content_type, body, status
):
    response = client.generic("POST", saved, body, content_type=content_type)

    assert response.status_code == status
    assert response.json()["saved"] is False and response.json()["error"]
    assert stored_answer(short_text) == {"text": "my real answer"}


def test_activity_autosave_refuses_json_and_starts_nothing(client, student, assignment):
    client.force_login(student)
    activity = assignment.lesson.questions.exclude(step__kind="quiz").first()
    url = reverse("learning:activity_save", args=[assignment.pk, activity.pk])

    response = client.generic("POST", url, b'{"value": "240"}', content_type="application/json")

    assert response.status_code == 415 and response.json()["saved"] is False
    assert not Response.objects.exists()
    assert not student.attempts.exists()  # not even the lesson's work record


def test_another_students_attempt_is_a_404_whatever_the_body(client, attempt, outsider):
    client.force_login(outsider)
    url = reverse("learning:response_save", args=[attempt.pk, attempt.item_order[0]])
    response = client.generic("POST", url, b"{}", content_type="application/json")
    assert response.status_code == 404
