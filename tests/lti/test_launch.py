"""Launches from an LMS (lti1p3platform plays it): who lands where, and which accounts, class and
assignment they bring into being."""

import pytest
from lti_tool.models import LtiUser

from accounts.models import User
from classroom.models import Membership
from lti.models import CourseClass, LinkedAssignment

from .conftest import lti_launch, register, start_lms
from .platform import INSTRUCTOR


@pytest.fixture
def lesson_link(example_lesson):
    return {"custom": {"lesson": example_lesson.slug}}


def test_an_instructor_lands_on_the_progress_of_a_new_assignment_in_a_new_class(
    client, lms, lesson_link, example_lesson
):
    response = lti_launch(
        client, lms, user_id="teacher-7", roles=[INSTRUCTOR], name="Ada Byron", **lesson_link
    )

    course = CourseClass.objects.select_related("classroom__teacher").get()
    linked = LinkedAssignment.objects.select_related("assignment").get()
    assert response.status_code == 302
    assert response["Location"] == (
        f"/classes/{course.classroom.pk}/assignments/{linked.assignment.pk}/"
    )
    assert course.classroom.name == "History 9 (LMS)"
    teacher = course.classroom.teacher
    assert teacher.is_teacher and teacher.display_name == "Ada Byron"
    assert not teacher.has_usable_password()
    assert linked.assignment.lesson == example_lesson
    assert client.get(response["Location"]).status_code == 200


def test_a_learner_lands_in_the_assignment_and_joins_the_class(client, lms, lesson_link):
    lti_launch(client, lms, user_id="teacher-7", roles=[INSTRUCTOR], **lesson_link)
    client.logout()

    response = lti_launch(client, lms, user_id="student-1", name="Sam Pupil", **lesson_link)

    linked = LinkedAssignment.objects.select_related("assignment").get()
    student = LtiUser.objects.get(sub="student-1").auth_user
    assert response.status_code == 302
    assert response["Location"] == f"/lessons/assignments/{linked.assignment.pk}/"
    assert student.is_student and not student.has_usable_password()
    assert Membership.objects.filter(
        classroom=linked.assignment.classroom, student=student
    ).exists()
    assert client.get(response["Location"]).status_code in (200, 302)
    assert int(client.session["_auth_user_id"]) == student.pk


def test_a_second_launch_signs_in_the_same_account(client, lms, lesson_link):
    lti_launch(client, lms, user_id="teacher-7", roles=[INSTRUCTOR], **lesson_link)
    lti_launch(client, lms, user_id="student-1", **lesson_link)
    lti_launch(client, lms, user_id="student-1", **lesson_link)

    assert User.objects.filter(role=User.Role.STUDENT).count() == 1
    assert LinkedAssignment.objects.count() == 1


def test_a_learner_before_any_instructor_is_told_to_wait_and_nothing_is_created(
    client, lms, lesson_link
):
    response = lti_launch(client, lms, user_id="student-1", **lesson_link)

    assert response.status_code == 409
    assert b"Your teacher has not opened Source Lab" in response.content
    assert not User.objects.exists() and not CourseClass.objects.exists()


def test_the_same_person_launched_from_two_platforms_is_two_accounts(
    client, lms, lesson_link, platform_keys
):
    other = start_lms(platform_keys, client, iss="https://other-lms.example.org")
    register(other, name="Other LMS")
    try:
        lti_launch(client, lms, user_id="teacher-7", roles=[INSTRUCTOR], **lesson_link)
        lti_launch(client, other, user_id="teacher-7", roles=[INSTRUCTOR], **lesson_link)
    finally:
        other.stop()

    users = {lti.auth_user_id for lti in LtiUser.objects.filter(sub="teacher-7")}
    assert len(users) == 2
    assert CourseClass.objects.count() == 2


def test_the_tool_publishes_its_active_keys_and_a_rotation_adds_one(client, lms):
    from django.core.management import call_command

    before = client.get("/lti/jwks/").json()["keys"]
    call_command("rotate_keys", deactivate_after=0)
    after = client.get("/lti/jwks/").json()["keys"]

    assert len(before) == 1
    assert before[0]["kty"] == "RSA" and before[0]["alg"] == "RS256"
    assert {k["kid"] for k in after}.isdisjoint({k["kid"] for k in before})


def test_a_learner_account_launched_as_an_instructor_is_refused_with_the_reason(
    client, lms, lesson_link
):
    lti_launch(client, lms, user_id="teacher-7", roles=[INSTRUCTOR], **lesson_link)
    lti_launch(client, lms, user_id="student-1", **lesson_link)

    response = lti_launch(client, lms, user_id="student-1", roles=[INSTRUCTOR], **lesson_link)

    assert response.status_code == 403
    assert b"is a student account" in response.content


def test_a_launch_with_neither_role_is_refused(client, lms, lesson_link):
    mentor = "http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor"

    response = lti_launch(client, lms, user_id="parent-1", roles=[mentor], **lesson_link)

    assert response.status_code == 403
    assert not User.objects.exists()


def test_the_lms_email_is_not_kept_and_a_deleted_account_forgets_its_lms_identity(
    client, lms, lesson_link
):
    from lti_tool.models import LtiMembership

    lti_launch(client, lms, user_id="teacher-7", roles=[INSTRUCTOR], **lesson_link)
    lti_launch(client, lms, user_id="student-1", name="Sam Pupil", **lesson_link)
    lti_user = LtiUser.objects.get(sub="student-1")
    assert lti_user.email == ""

    lti_user.auth_user.delete()

    assert not LtiUser.objects.filter(sub="student-1").exists()
    assert not LtiMembership.objects.filter(user__sub="student-1").exists()


def test_a_platform_is_registered_in_the_admin_with_its_deployments(client, db):
    admin = User.objects.create_superuser(username="root", password="x-not-used-x")
    client.force_login(admin)
    form = {
        "name": "District Canvas",
        "uuid": "2f7b8c62-3f0e-4a8e-9d2b-6d8f0e1a7c11",
        "issuer": "https://canvas.instructure.com",
        "client_id": "10000000000001",
        "auth_url": "https://canvas.instructure.com/api/lti/authorize_redirect",
        "token_url": "https://district.instructure.com/login/oauth2/token",
        "keyset_url": "https://canvas.instructure.com/api/lti/security/jwks",
        "is_active": "on",
        "deployments-TOTAL_FORMS": "1",
        "deployments-INITIAL_FORMS": "0",
        "deployments-0-deployment_id": "1:abc",
        "deployments-0-is_active": "on",
    }

    response = client.post("/admin/lti_tool/ltiregistration/add/", form)

    from lti_tool.models import LtiDeployment, LtiRegistration

    assert response.status_code == 302, response.content[:2000]
    registration = LtiRegistration.objects.get(client_id="10000000000001")
    assert LtiDeployment.objects.get(registration=registration).is_active


def test_a_second_instructor_is_told_who_teaches_the_class(client, lms, lesson_link):
    lti_launch(
        client, lms, user_id="teacher-7", roles=[INSTRUCTOR], name="Ada Byron", **lesson_link
    )

    response = lti_launch(client, lms, user_id="teacher-8", roles=[INSTRUCTOR], **lesson_link)

    assert response.status_code == 403
    assert b"another instructor (Ada Byron)" in response.content
