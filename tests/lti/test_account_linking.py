"""A person who opened Source Lab from two LMS platforms has two accounts until the school
administrator links them: the other account's identities and work move, a clash of work in one
assignment is refused without a change, and an identity can be given its own account again.
Driven end to end by two lti1p3platform platforms."""

import pytest
from django.test import Client
from django.urls import reverse
from lti_tool.models import LtiUser

from accounts.models import User
from accounts.services import user_create
from audit.models import AuditEntry
from classroom.models import Membership
from classroom.services import membership_add
from lti.models import CourseClass, LinkedAssignment
from quizzes.models import Attempt
from tests.classroom.conftest import answer_quiz
from tests.conftest import PASSWORD

from .conftest import lti_launch, register, start_lms
from .platform import INSTRUCTOR


@pytest.fixture
def lms_b(db, platform_keys, client):
    server = start_lms(
        platform_keys, client, iss="https://moodle.example.org", client_id="sl-moodle",
        deployment="dep-b",
    )  # fmt: skip
    server.registration = register(server, name="Moodle")
    yield server
    server.stop()


def open_course(client, server, lesson, *, teacher: str, student: str):
    """The platform's teacher places the lesson; its student opens it. (assignment, student)"""
    client.logout()
    lti_launch(client, server, user_id=teacher, roles=[INSTRUCTOR], custom={"lesson": lesson.slug})
    client.logout()
    lti_launch(client, server, user_id=student, custom={"lesson": lesson.slug})
    account = LtiUser.objects.get(registration=server.registration, sub=student).auth_user
    linked = LinkedAssignment.objects.get(
        resource_link__context__deployment__registration=server.registration
    )
    return linked.assignment, account


@pytest.fixture
def two_accounts(client, lms, lms_b, example_lesson):
    assignment_a, account_a = open_course(
        client, lms, example_lesson, teacher="t-a", student="pupil-a"
    )
    assignment_b, account_b = open_course(
        client, lms_b, example_lesson, teacher="t-b", student="pupil-b"
    )
    return assignment_a, account_a, assignment_b, account_b


def admin_client(school_admin) -> Client:
    browser = Client()
    browser.force_login(school_admin)
    return browser


def link_url(target, source) -> str:
    return f"/school/accounts/{target.pk}/lms/link/{source.pk}/"


def test_linked_a_launch_from_the_second_platform_opens_the_first_account_with_its_work(
    client, lms, lms_b, two_accounts, example_lesson, school_admin
):
    assignment_a, account_a, assignment_b, account_b = two_accounts
    assert account_a != account_b  # two platforms, two accounts
    work_a = answer_quiz(student=account_a, assignment=assignment_a)
    work_b = answer_quiz(student=account_b, assignment=assignment_b)
    admin = admin_client(school_admin)

    detail = admin.get(f"/school/accounts/{account_a.pk}/").content.decode()
    assert "Example LMS" in detail and "pupil-a" in detail and "https://lms.example.edu" in detail
    found = admin.get(f"/school/accounts/{account_a.pk}/lms/link/", {"q": account_b.username})
    assert link_url(account_a, account_b) in found.content.decode()
    confirm = admin.get(link_url(account_a, account_b)).content.decode()
    assert "pupil-b" in confirm and "Moodle" in confirm and "data-link-refusal" not in confirm
    assert assignment_b.classroom.name in confirm

    response = admin.post(link_url(account_a, account_b), {"reason": "Same pupil, two LMSes"})

    assert response.status_code == 302
    assert set(LtiUser.objects.filter(auth_user=account_a).values_list("sub", flat=True)) == {
        "pupil-a", "pupil-b",
    }  # fmt: skip
    account_b.refresh_from_db()
    assert not account_b.is_active
    assert Membership.objects.filter(student=account_a).count() == 2
    assert not Membership.objects.filter(student=account_b).exists()
    [entry_a, entry_b] = AuditEntry.objects.filter(
        action=AuditEntry.Action.LMS_IDENTITY_LINKED
    ).order_by("pk")
    assert (entry_a.subject_user_id, entry_b.subject_user_id) == (account_a.pk, account_b.pk)
    assert entry_a.actor == school_admin and entry_a.reason == "Same pupil, two LMSes"

    # The third launch, from platform B, lands in account A, with A's work and B's.
    client.logout()
    lti_launch(client, lms_b, user_id="pupil-b", custom={"lesson": example_lesson.slug})
    assert int(client.session["_auth_user_id"]) == account_a.pk
    assert set(Attempt.objects.filter(student=account_a)) >= {
        work_a,
        Attempt.objects.get(pk=work_b.pk),
    }
    for assignment in (assignment_a, assignment_b):
        url = reverse("learning:assignment", kwargs={"assignment_id": assignment.pk})
        page = client.get(url, follow=True)
        assert page.status_code == 200 and page.request["PATH_INFO"].startswith(url)


def test_work_of_both_accounts_in_one_assignment_is_refused_and_nothing_moves(
    two_accounts, school_admin
):
    _assignment_a, account_a, assignment_b, account_b = two_accounts
    membership_add(classroom=assignment_b.classroom, student=account_a)
    answer_quiz(student=account_a, assignment=assignment_b)
    answer_quiz(student=account_b, assignment=assignment_b)
    admin = admin_client(school_admin)

    confirm = admin.get(link_url(account_a, account_b)).content.decode()
    response = admin.post(link_url(account_a, account_b), {"reason": "Same pupil"})

    assert "data-link-refusal" in confirm and "Both accounts have work in" in confirm
    assert response.status_code == 409
    assert "Both accounts have work in" in response.content.decode()
    assert LtiUser.objects.get(sub="pupil-b").auth_user == account_b
    assert Attempt.objects.filter(student=account_b).count() == 1
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.LMS_IDENTITY_LINKED).exists()


def test_an_account_with_a_password_or_another_role_is_not_merged(two_accounts, school_admin):
    _a, account_a, _b, account_b = two_accounts
    admin = admin_client(school_admin)
    account_b.set_password(PASSWORD)
    account_b.save()
    assert admin.post(link_url(account_a, account_b), {"reason": "x"}).status_code == 409
    teacher_b = LtiUser.objects.get(sub="t-b").auth_user
    response = admin.post(link_url(account_a, teacher_b), {"reason": "x"})
    assert response.status_code == 409
    assert "teacher" in response.content.decode()
    assert LtiUser.objects.get(sub="t-b").auth_user == teacher_b


def test_a_reason_is_required(two_accounts, school_admin):
    _a, account_a, _b, account_b = two_accounts
    response = admin_client(school_admin).post(link_url(account_a, account_b), {"reason": " "})
    assert response.status_code == 400
    assert LtiUser.objects.get(sub="pupil-b").auth_user == account_b


def test_an_identity_given_its_own_account_launches_into_it(
    client, lms_b, two_accounts, example_lesson, school_admin
):
    _a, account_a, _b, account_b = two_accounts
    admin = admin_client(school_admin)
    admin.post(link_url(account_a, account_b), {"reason": "Same pupil"})
    identity = LtiUser.objects.get(sub="pupil-b")
    unlink = f"/school/accounts/{account_a.pk}/lms/{identity.pk}/unlink/"
    assert admin.get(unlink).status_code == 200

    response = admin.post(unlink, {"reason": "Two different pupils after all"})

    assert response.status_code == 302
    identity.refresh_from_db()
    new = identity.auth_user
    assert new not in (account_a, account_b) and not new.has_usable_password()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.LMS_IDENTITY_UNLINKED).count() == 2
    client.logout()
    lti_launch(client, lms_b, user_id="pupil-b", custom={"lesson": example_lesson.slug})
    assert int(client.session["_auth_user_id"]) == new.pk

    # The last identity of an account without a password stays: it is the only way in.
    last = LtiUser.objects.get(sub="pupil-a")
    refused = admin.post(f"/school/accounts/{account_a.pk}/lms/{last.pk}/unlink/", {"reason": "x"})
    assert refused.status_code == 409
    assert LtiUser.objects.get(sub="pupil-a").auth_user == account_a


# --- attacks ------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["teacher", "student"])
def test_teachers_and_students_cannot_link_or_unlink(client, two_accounts, request, who):
    _a, account_a, _b, account_b = two_accounts
    client.force_login(request.getfixturevalue(who))
    identity = LtiUser.objects.get(sub="pupil-a")
    for url in (
        f"/school/accounts/{account_a.pk}/lms/link/",
        link_url(account_a, account_b),
        f"/school/accounts/{account_a.pk}/lms/{identity.pk}/unlink/",
    ):
        assert client.post(url, {"reason": "x"}).status_code == 403
    assert LtiUser.objects.get(sub="pupil-b").auth_user == account_b
    assert LtiUser.objects.get(sub="pupil-a").auth_user == account_a


def test_the_lms_teacher_of_both_classes_cannot_link_either(client, two_accounts):
    _a, account_a, _b, account_b = two_accounts
    client.force_login(LtiUser.objects.get(sub="t-a").auth_user)
    assert client.post(link_url(account_a, account_b), {"reason": "x"}).status_code == 403


def test_forged_ids_find_nothing(two_accounts, school_admin):
    _a, account_a, _b, account_b = two_accounts
    admin = admin_client(school_admin)
    staff = user_create(username="author", password=PASSWORD, role=User.Role.AUTHOR, is_staff=True)
    other_identity = LtiUser.objects.get(sub="pupil-b")  # account B's, not A's
    assert admin.post(link_url(account_a, staff), {"reason": "x"}).status_code == 404
    assert admin.post(link_url(account_a, account_a), {"reason": "x"}).status_code == 404
    assert admin.post(link_url(staff, account_b), {"reason": "x"}).status_code == 404
    assert admin.post(link_url(account_a, school_admin), {"reason": "x"}).status_code == 404
    unlink = f"/school/accounts/{account_a.pk}/lms/{other_identity.pk}/unlink/"
    assert admin.post(unlink, {"reason": "x"}).status_code == 404
    assert admin.post(link_url(account_a, User(pk=999999)), {"reason": "x"}).status_code == 404
    assert other_identity.auth_user == account_b == LtiUser.objects.get(sub="pupil-b").auth_user


def test_the_link_needs_the_csrf_token(two_accounts, school_admin):
    _a, account_a, _b, account_b = two_accounts
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(school_admin)
    assert browser.post(link_url(account_a, account_b), {"reason": "x"}).status_code == 403
    assert LtiUser.objects.get(sub="pupil-b").auth_user == account_b
    assert CourseClass.objects.count() == 2
