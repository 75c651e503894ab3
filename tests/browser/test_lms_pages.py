"""The LMS pages in a real browser (issue 17): the school administrator links an LMS-only
account into a student's account and gives the identity its own account again; the teacher
reaches the class's LMS course from the class navigation and sees a linked assignment's grades
in the LMS. Every page axe-clean and without sideways scrolling at 375 and 1280 px."""

from datetime import timedelta

import pytest
from django.utils import timezone
from lti_tool.models import LtiContext, LtiDeployment, LtiRegistration, LtiResourceLink, LtiUser
from playwright.sync_api import expect

from accounts.models import User
from accounts.services import user_create
from classroom.demo import DEMO_ACCOUNTS, DEMO_CLASS_NAME
from classroom.models import Classroom
from lti.models import CourseClass, GradeSync, IdentitySeen, LinkedAssignment

ADMIN = next(a for a in DEMO_ACCOUNTS if a.role == User.Role.SCHOOL_ADMIN)
TEACHER = next(a for a in DEMO_ACCOUNTS if a.role == User.Role.TEACHER)


def platform(name: str) -> LtiRegistration:
    registration = LtiRegistration.objects.create(
        name=name, issuer=f"https://{name.lower()}.example.edu", client_id="sl",
        auth_url="https://a.example.edu", token_url="https://t.example.edu",
        keyset_url="https://k.example.edu",
    )  # fmt: skip
    LtiDeployment.objects.create(registration=registration, deployment_id="d-1", is_active=True)
    return registration


@pytest.fixture
def two_identities(demo_data):
    student = User.objects.get(username="student1")
    canvas = LtiUser.objects.create(registration=platform("Canvas"), sub="c-41", auth_user=student)
    IdentitySeen.objects.create(lti_user=canvas, last_launch_at=timezone.now())
    other = user_create(
        username="lti-9-moodle", password=None, role=User.Role.STUDENT, display_name="Ada S."
    )
    LtiUser.objects.create(registration=platform("Moodle"), sub="m-7", auth_user=other)
    return student, other


@pytest.mark.parametrize("width", [375, 1280])
def test_the_administrator_links_and_unlinks_an_lms_identity(
    page, live_server, two_identities, login, assert_accessible, screenshot, width
):
    student, other = two_identities
    page.set_viewport_size({"width": width, "height": 900})

    def check(name: str) -> None:
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
        screenshot(page, f"lms-{name}-{width}")

    login(page, ADMIN.username, ADMIN.password)
    page.goto(f"{live_server.url}/school/accounts/{student.pk}/")
    expect(page.locator("[data-lms-identities]")).to_contain_text("Canvas")
    check("account")
    page.get_by_role("link", name="Link another account's LMS identity to this account").click()
    page.get_by_label("The other account: username or name").fill("moodle")
    page.get_by_role("button", name="Search").click()
    result = page.get_by_role("link", name="Ada S. (lti-9-moodle)")
    expect(result).to_be_visible()
    check("search")
    result.click()
    expect(page.locator("[data-account]")).to_have_count(2)
    check("confirm")
    page.get_by_label("Reason").fill("Same pupil in Canvas and Moodle")
    page.get_by_role("button", name="Link the accounts").click()
    expect(page.locator("[data-lms-identities]")).to_contain_text("Moodle")
    assert LtiUser.objects.get(sub="m-7").auth_user_id == student.pk

    page.get_by_role("link", name="Give the Moodle identity its own account").click()
    expect(page.get_by_role("button", name="Give it its own account")).to_be_visible()
    check("unlink")
    page.get_by_label("Reason").fill("Two pupils after all")
    page.get_by_role("button", name="Give it its own account").click()
    expect(page.locator("[data-lms-identities]")).not_to_contain_text("Moodle")
    assert LtiUser.objects.get(sub="m-7").auth_user_id not in (student.pk, other.pk)


@pytest.fixture
def lms_class(demo_data):
    """The demo class is an LMS course; one of its assignments is a linked activity whose
    grade was sent for one student and failed for the other."""
    classroom = Classroom.objects.get(name=DEMO_CLASS_NAME)
    deployment = platform("Canvas").deployments.get()
    context = LtiContext.objects.create(deployment=deployment, id_on_platform="c1", title="H9")
    CourseClass.objects.create(context=context, classroom=classroom)
    assignment = classroom.assignments.order_by("pk").first()
    link = LinkedAssignment.objects.create(
        resource_link=LtiResourceLink.objects.create(context=context, id_on_platform="r1"),
        assignment=assignment,
        lineitem_url="https://canvas.example.edu/lineitems/1",
    )
    now = timezone.now()
    for username, status in (("student1", "sent"), ("student2", "failed")):
        student = User.objects.get(username=username)
        GradeSync.objects.create(
            link=link, student=student, score_given=5, score_maximum=10, timestamp=now,
            status=status, tries=int(status == "failed"), next_try_at=now + timedelta(minutes=2),
            lti_user=LtiUser.objects.create(
                registration=deployment.registration, sub=username, auth_user=student
            ),
        )  # fmt: skip
    return classroom, assignment


@pytest.mark.parametrize("width", [375, 1280])
def test_the_teacher_reaches_the_lms_course_and_the_grades_state(
    page, live_server, lms_class, login, assert_accessible, screenshot, width
):
    classroom, assignment = lms_class
    page.set_viewport_size({"width": width, "height": 900})

    def check(name: str) -> None:
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
        screenshot(page, f"lms-{name}-{width}")

    login(page, TEACHER.username, TEACHER.password)
    page.goto(f"{live_server.url}/classes/{classroom.pk}/")
    page.get_by_role("link", name="LMS course").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("in the LMS")
    check("course")
    page.goto(f"{live_server.url}/classes/{classroom.pk}/assignments/{assignment.pk}/")
    state = page.locator("[data-lms-passback]")
    expect(state).to_contain_text("1 sent to the LMS")
    expect(state).to_contain_text("1 failed, retrying at")
    check("assignment")
    state.get_by_role("link", name="Each student's grade in the LMS").click()
    expect(page.locator("tr[data-grade-status]")).to_have_count(2)
    check("grades")
