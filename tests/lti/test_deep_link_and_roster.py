"""Deep linking (a teacher picks a lesson inside the LMS; the LMS creates its gradebook column)
and Names and Role Provisioning (the LMS roster becomes the class), driven by lti1p3platform."""

import re
from html import unescape

import pytest
from lti_tool.models import LtiUser

from accounts.models import User
from classroom.models import Membership
from lti.models import CourseClass, LinkedAssignment

from .conftest import lti_launch
from .platform import INSTRUCTOR, LEARNER

RESOURCE_LINK = "ltiResourceLink"


def pick_lesson(client, lms, slug: str) -> list[dict]:
    """The teacher asks the LMS for content, picks a lesson in Source Lab, and the LMS checks
    the signed answer; returns the content items it accepted."""
    response = lti_launch(
        client, lms, user_id="teacher-7", roles=[INSTRUCTOR], resource_link=None, deep_link=True
    )
    assert response.status_code == 302 and response["Location"] == "/lti/deep-link/"
    assert slug.encode() in client.get("/lti/deep-link/").content
    page = client.post("/lti/deep-link/", {"lesson": slug})
    assert page.status_code == 200
    html = page.content.decode()
    action = re.search(r'<form method="post" action="([^"]+)" data-autosubmit', html).group(1)
    jwt = re.search(r'name="JWT" value="([^"]+)"', html).group(1)
    assert unescape(action) == f"{lms.base}/deep-link-return"
    assert f"form-action 'self' {lms.base}" in page["Content-Security-Policy"]
    return lms.platform.validate_deeplinking_resp({"JWT": jwt})


def test_a_lesson_picked_in_the_lms_becomes_a_graded_activity(client, lms, example_lesson):
    [content] = pick_lesson(client, lms, example_lesson.slug)

    assert content["type"] == RESOURCE_LINK
    assert content["url"] == "http://testserver/lti/launch/"
    assert content["custom"] == {"lesson": example_lesson.slug}
    assert content["lineItem"]["resourceId"] == example_lesson.slug
    assert content["lineItem"]["scoreMaximum"] > 0

    # The LMS creates the gradebook column and launches the new link.
    item = lms.platform.lineitem_create(content["lineItem"])
    client.logout()
    response = lti_launch(
        client, lms, user_id="teacher-7", roles=[INSTRUCTOR], resource_link="placed-1",
        custom=content["custom"], lineitem=item["id"],
    )  # fmt: skip

    linked = LinkedAssignment.objects.select_related("assignment").get()
    assert response.status_code == 302
    assert linked.assignment.lesson == example_lesson
    assert linked.lineitem_url == item["id"]


def test_a_lesson_without_a_quiz_or_an_unknown_slug_is_refused(client, lms, example_lesson):
    lti_launch(
        client, lms, user_id="teacher-7", roles=[INSTRUCTOR], resource_link=None, deep_link=True
    )

    assert client.post("/lti/deep-link/", {"lesson": "no-such-lesson"}).status_code == 400


def test_the_lesson_picker_needs_the_teachers_own_deep_link_launch(client, lms, teacher):
    client.force_login(teacher)

    assert client.get("/lti/deep-link/").status_code == 403


def test_the_lms_roster_becomes_the_class(client, lms, example_lesson):
    lti_launch(
        client, lms, user_id="teacher-7", roles=[INSTRUCTOR],
        custom={"lesson": example_lesson.slug},
    )  # fmt: skip
    lms.platform.members = [
        {"user_id": "teacher-7", "roles": [INSTRUCTOR], "name": "Ada Byron"},
        {"user_id": "student-1", "roles": [LEARNER], "name": "Sam Pupil"},
        {"user_id": "student-2", "roles": ["Learner"], "given_name": "Kim", "family_name": "Lee"},
        {"user_id": "student-3", "roles": [LEARNER], "status": "Inactive"},
    ]
    classroom = CourseClass.objects.select_related("classroom").get().classroom

    response = client.post(f"/lti/classes/{classroom.pk}/roster/")

    assert response.status_code == 302
    members = Membership.objects.filter(classroom=classroom).select_related("student")
    assert sorted(str(m.student) for m in members) == ["Kim Lee", "Sam Pupil"]
    assert all(not m.student.has_usable_password() for m in members)
    assert CourseClass.objects.get().roster_synced_at is not None
    page = client.get(response["Location"])
    assert b"Last brought in" in page.content and example_lesson.title.encode() in page.content

    # The student's own launch later signs in the account the roster made.
    client.logout()
    lti_launch(client, lms, user_id="student-1", custom={"lesson": example_lesson.slug})
    assert User.objects.filter(role=User.Role.STUDENT).count() == 2
    assert int(client.session["_auth_user_id"]) == LtiUser.objects.get(sub="student-1").auth_user_id


def test_a_failing_roster_service_is_a_clear_error(client, lms, example_lesson):
    lti_launch(
        client, lms, user_id="teacher-7", roles=[INSTRUCTOR],
        custom={"lesson": example_lesson.slug},
    )  # fmt: skip
    classroom = CourseClass.objects.get().classroom
    lms.stop()

    response = client.post(f"/lti/classes/{classroom.pk}/roster/")

    assert response.status_code == 502
    assert b"The LMS did not answer" in response.content
    assert not Membership.objects.filter(classroom=classroom).exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_only_the_class_teacher_syncs_its_roster(client, lms, example_lesson, teacher, method):
    lti_launch(
        client, lms, user_id="teacher-7", roles=[INSTRUCTOR],
        custom={"lesson": example_lesson.slug},
    )  # fmt: skip
    classroom = CourseClass.objects.get().classroom
    client.force_login(teacher)

    response = getattr(client, method)(f"/lti/classes/{classroom.pk}/roster/")

    assert response.status_code == (405 if method == "get" else 404)


def test_another_teacher_cannot_see_the_lms_course_page(client, lms, example_lesson, teacher):
    lti_launch(
        client, lms, user_id="teacher-7", roles=[INSTRUCTOR],
        custom={"lesson": example_lesson.slug},
    )  # fmt: skip
    classroom = CourseClass.objects.get().classroom
    assert client.get(f"/lti/classes/{classroom.pk}/").status_code == 200
    client.force_login(teacher)

    assert client.get(f"/lti/classes/{classroom.pk}/").status_code == 404
