"""Joining a class with its code: a new student chooses a username and a password (no e-mail)
and lands on their lessons; a student joins another class; mistakes are form errors, never 500."""

import pytest
from django.urls import reverse

from accounts.models import User
from classroom.models import Membership
from classroom.services import classroom_create

pytestmark = pytest.mark.django_db

JOIN = reverse("learning:join")


def signup(client, code, **overrides):
    data = {
        "join_code": code,
        "username": "amira",
        "display_name": "Amira K.",
        "password1": "river-bridge-1911",
        "password2": "river-bridge-1911",
    } | overrides
    return client.post(JOIN, data)


def test_the_join_page_is_public_and_asks_for_no_email(client):
    response = client.get(JOIN)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="join_code"' in html and 'name="username"' in html
    assert "email" not in html.lower().replace("e-mail address", "")


def test_a_class_code_on_the_link_fills_the_field(client):
    assert 'value="ABCD2345"' in client.get(JOIN, {"code": "ABCD2345"}).content.decode()


def test_a_new_student_gets_an_account_joins_and_is_logged_in(client, classroom):
    response = signup(client, f" {classroom.join_code.lower()[:4]}-{classroom.join_code[4:]} ")

    assert response.status_code == 302
    assert response.url == reverse("learning:dashboard")
    user = User.objects.get(username="amira")
    assert user.role == User.Role.STUDENT
    assert user.display_name == "Amira K."
    assert not user.email
    assert Membership.objects.filter(student=user, classroom=classroom).exists()
    page = client.get(response.url)
    assert page.context["user"] == user
    assert "History 9A" in page.content.decode()  # the welcome message names the class


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"join_code": "NOPE2345"}, "join_code", "No open class has that code"),
        ({"join_code": "   "}, "join_code", "This field is required"),
        ({"username": "s.lovelace"}, "username", "That username is taken"),
        ({"username": "S.LOVELACE"}, "username", "That username is taken"),
        ({"username": "two words"}, "username", "Enter a valid username"),
        ({"password2": "something-else"}, "password2", "not the same"),
        ({"password1": "12345678", "password2": "12345678"}, "password1", "entirely numeric"),
        ({"password1": "short", "password2": "short"}, "password1", "too short"),
    ],
)
def test_mistakes_are_form_errors_with_a_message_and_no_account(
    client, classroom, student, overrides, field, message
):
    code = overrides.pop("join_code", classroom.join_code)
    response = signup(client, code, **overrides)

    assert response.status_code == 400
    assert message in str(response.context["form"].errors[field])
    assert (
        not User.objects.filter(username__iexact=overrides.get("username", "amira"))
        .exclude(pk=student.pk)
        .exists()
    )
    assert "_auth_user_id" not in client.session


def test_a_wrong_code_keeps_what_was_typed(client, classroom):
    html = signup(client, "NOPE2345").content.decode()
    assert 'value="amira"' in html
    assert 'value="NOPE2345"' in html


def test_an_archived_class_cannot_be_joined(client, classroom):
    from django.utils import timezone

    classroom.archived_at = timezone.now()
    classroom.save()
    assert signup(client, classroom.join_code).status_code == 400
    assert not User.objects.filter(username="amira").exists()


def test_a_logged_in_student_joins_another_class_with_the_code_only(client, student, teacher):
    other = classroom_create(teacher=teacher, name="Civics 10")
    client.force_login(student)

    page = client.get(JOIN).content.decode()
    assert 'name="username"' not in page
    response = client.post(JOIN, {"join_code": other.join_code})

    assert response.status_code == 302
    assert Membership.objects.filter(student=student, classroom=other).exists()


def test_a_logged_in_student_with_a_wrong_code_gets_a_400(client, student):
    client.force_login(student)
    response = client.post(JOIN, {"join_code": "ZZZZ9999"})
    assert response.status_code == 400
    assert "No open class has that code" in response.content.decode()


def test_joining_a_class_twice_is_one_membership(client, student, classroom):
    client.force_login(student)
    client.post(JOIN, {"join_code": classroom.join_code})
    assert Membership.objects.filter(student=student).count() == 1


@pytest.mark.parametrize("role", ["teacher", "author"])
def test_teachers_and_authors_have_no_class_to_join(client, request, role, classroom):
    client.force_login(request.getfixturevalue(role))
    assert client.get(JOIN).status_code == 403
    assert client.post(JOIN, {"join_code": classroom.join_code}).status_code == 403


def test_the_login_page_links_to_joining(client):
    assert JOIN in client.get(reverse("accounts:login")).content.decode()
