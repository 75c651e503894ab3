import pytest
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

ROLE_FIXTURES = ["teacher", "student", "author"]


@pytest.mark.parametrize("role", ROLE_FIXTURES)
def test_each_role_can_log_in_and_out(client, request, role):
    user = request.getfixturevalue(role)

    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    # Students are sent on to their dashboard: follow that.
    assert client.get(reverse("home"), follow=True).context["user"] == user

    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302  # back to the login page


def test_wrong_password_is_refused_with_a_message(client, student):
    response = client.post(
        reverse("accounts:login"), {"username": student.username, "password": "nope"}
    )
    assert response.status_code == 200
    assert b"Please enter a correct username and password" in response.content
    assert "_auth_user_id" not in client.session


def test_logout_by_get_is_not_allowed(client, student):
    client.force_login(student)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert "_auth_user_id" in client.session


def test_anonymous_home_redirects_to_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_password_change_works_and_old_password_stops_working(client, student):
    client.force_login(student)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-new-long-passphrase",
            "new_password2": "a-new-long-passphrase",
        },
    )
    assert response.status_code == 302
    student.refresh_from_db()
    assert student.check_password("a-new-long-passphrase")


def test_students_need_no_email_address(student):
    assert student.email == ""
    assert student.is_student


def test_repeated_wrong_passwords_lock_the_account_for_that_address(client, student):
    url = reverse("accounts:login")
    for _ in range(5):
        client.post(url, {"username": student.username, "password": "guess"})

    response = client.post(url, {"username": student.username, "password": PASSWORD})

    assert response.status_code == 429
    assert b"Too many login attempts" in response.content
    assert "_auth_user_id" not in client.session


def test_a_lockout_does_not_block_classmates_behind_the_same_address(client, student, teacher):
    url = reverse("accounts:login")
    for _ in range(5):
        client.post(url, {"username": student.username, "password": "guess"})

    response = client.post(url, {"username": teacher.username, "password": PASSWORD})

    assert response.status_code == 302


def test_pages_carry_a_strict_content_security_policy(client):
    policy = client.get(reverse("accounts:login"))["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


FIRST_PAGES = {
    "student": "learning:dashboard",
    "teacher": "classroom:classroom_list",
    "school_admin": "school:account_list",
    "author": "home",  # their lessons, on "/" itself
}


@pytest.mark.parametrize("role", FIRST_PAGES)
def test_a_login_leads_straight_to_the_roles_own_page(client, request, role):
    """No stop at "/" on the way: one round trip fewer for a class logging in at the bell."""
    user = request.getfixturevalue(role)
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.url == reverse(FIRST_PAGES[role])
    assert client.get(response.url).status_code == 200
    # "/" leads to the same page, and the login page of a signed-in user too.
    assert client.get(reverse("home"), follow=True).request["PATH_INFO"] == response.url
    assert client.get(reverse("accounts:login")).url == response.url


def test_a_login_still_goes_back_to_the_page_asked_for(client, student, assignment):
    wanted = reverse("learning:assignment", args=[assignment.pk])
    response = client.post(
        f"{reverse('accounts:login')}?next={wanted}",
        {"username": student.username, "password": PASSWORD},
    )
    assert response.url == wanted


def test_a_login_ignores_a_next_page_on_another_site(client, student):
    response = client.post(
        f"{reverse('accounts:login')}?next=https://evil.example/phish",
        {"username": student.username, "password": PASSWORD},
    )
    assert response.url == reverse("learning:dashboard")
