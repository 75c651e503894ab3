"""The school administrator in a real browser (issue 13, point 1): a student shared by two
teachers' classes forgot their password; the second teacher is refused with a page saying who
can do it; the school administrator resets it with a reason and finds it in the audit log.
Every page axe-clean and without sideways scrolling at 375 and 1280 px."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import User
from accounts.services import user_create
from audit.models import AuditEntry
from classroom.demo import DEMO_ACCOUNTS
from classroom.services import classroom_create, membership_add

ADMIN = next(a for a in DEMO_ACCOUNTS if a.role == User.Role.SCHOOL_ADMIN)
SHARED = next(a for a in DEMO_ACCOUNTS if a.username == "student1")
TEACHER_B = ("t.baker", "teacher-b-password-1")


@pytest.fixture
def shared_student(demo_data):
    """The demo's student1, also in a class of a second teacher."""
    teacher_b = user_create(
        username=TEACHER_B[0],
        password=TEACHER_B[1],
        role=User.Role.TEACHER,
        display_name="Mr Baker",
    )
    class_b = classroom_create(teacher=teacher_b, name="Civics 10 (Mr Baker)")
    student = User.objects.get(username=SHARED.username)
    membership_add(classroom=class_b, student=student)
    return student, class_b


@pytest.mark.parametrize("width", [375, 1280])
def test_the_school_administrator_resets_a_shared_students_password_and_sees_it_in_the_log(
    page, live_server, shared_student, login, assert_accessible, screenshot, width
):
    student, class_b = shared_student
    page.set_viewport_size({"width": width, "height": 900})

    def check(name: str) -> None:
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
        screenshot(page, f"school-{name}-{width}")

    # Teacher B is refused, and told who can do it.
    login(page, *TEACHER_B)
    page.goto(f"{live_server.url}/classes/{class_b.pk}/students/")
    page.get_by_role("link", name=f"Reset password of {student}").click()
    expect(page.get_by_text("only the school administrator can reset")).to_be_visible()
    check("teacher-refused")
    page.context.clear_cookies()

    login(page, ADMIN.username, ADMIN.password)
    expect(page.get_by_role("heading", level=1)).to_have_text("Accounts of the school")
    check("accounts")
    page.get_by_label("Username or name").fill(SHARED.username)
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name=SHARED.username, exact=True).click()
    expect(page.locator("[data-classes]")).to_contain_text("Civics 10 (Mr Baker)")
    expect(page.locator("[data-classes]")).to_contain_text("History 9B (demo)")
    check("account")

    page.get_by_role("link", name="Reset the password").click()
    page.get_by_role("button", name="Generate a new password").click()  # no reason yet
    expect(page.get_by_text("This field is required.")).to_be_visible()
    page.get_by_label("Reason").fill("Forgot it; Mr Baker asked")
    page.get_by_role("button", name="Generate a new password").click()
    new_password = page.locator("[data-password]").inner_text()
    student.refresh_from_db()
    assert student.check_password(new_password)
    check("password")

    page.get_by_role("link", name="Done").click()
    page.get_by_role("link", name="This account in the audit log").click()
    row = page.locator("tr[data-entry='password_reset']")
    expect(row).to_have_count(1)
    expect(row.locator("[data-actor]")).to_have_text(ADMIN.username)
    expect(row.locator("[data-subject]")).to_contain_text(SHARED.username)
    expect(row.locator("[data-reason]")).to_have_text("Forgot it; Mr Baker asked")
    check("audit")
    entry = AuditEntry.objects.get(action=AuditEntry.Action.PASSWORD_RESET)
    assert entry.actor.username == ADMIN.username and entry.subject_user_id == student.pk
    assert re.fullmatch(r"[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}", new_password)
