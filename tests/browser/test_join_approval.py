"""A class that needs the teacher's approval, in a real browser (issue 13, point 4): a new
student joins with the code and sees only that they wait for their teacher; the teacher lets
them in from the list of students with the keyboard alone; the student then sees the
assignment. Every page axe-clean at 375 and 1280 px."""

import pytest
from playwright.sync_api import expect

from classroom.demo import DEMO_ACCOUNTS, DEMO_CLASS_NAME
from classroom.models import Assignment, Classroom, JoinRequest, Membership

TEACHER = next(a for a in DEMO_ACCOUNTS if a.username == "teacher")
PASSWORD = "river-bridge-1911"


@pytest.mark.parametrize("width", [375, 1280])
def test_a_student_waits_for_approval_then_sees_the_assignment(
    page, browser, live_server, demo_data, login, assert_accessible, screenshot, width
):
    classroom = Classroom.objects.get(name=DEMO_CLASS_NAME)
    classroom.join_approval = True
    classroom.save(update_fields=["join_approval"])
    assignment = Assignment.objects.filter(classroom=classroom).select_related("lesson").first()
    assert assignment is not None
    viewport = {"width": width, "height": 800}
    page.set_viewport_size(viewport)

    # The student: a new account through the code, typed in small letters with a dash.
    page.goto(f"{live_server.url}/join/")
    assert_accessible(page)
    page.get_by_label("Class code").fill(classroom.join_code_display.lower())
    page.get_by_label("Choose a username").fill(f"new.pupil{width}")
    page.get_by_label("Your name, as your teacher knows you (optional)").fill("Nia Newton")
    page.get_by_label("Choose a password").fill(PASSWORD)
    page.get_by_label("Type the password again").fill(PASSWORD)
    page.get_by_role("button", name="Create my account and join").click()
    page.wait_for_url(f"{live_server.url}/lessons/")
    expect(page.get_by_role("heading", name="Waiting for your teacher")).to_be_visible()
    expect(page.locator("[data-waiting]")).to_contain_text(DEMO_CLASS_NAME)
    expect(page.locator("[data-assignment]")).to_have_count(0)
    expect(page.get_by_text(assignment.lesson.title)).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_accessible(page)
    screenshot(page, f"join-waiting-{width}")
    # The lesson's own address shows nothing either.
    assert page.goto(f"{live_server.url}/lessons/assignments/{assignment.pk}/").status == 404
    assert JoinRequest.objects.filter(student__username=f"new.pupil{width}").exists()

    # The teacher, in another browser: the list of students, answered by keyboard alone.
    teacher_context = browser.new_context(viewport=viewport, reduced_motion="reduce")
    teacher = teacher_context.new_page()
    login(teacher, TEACHER.username, TEACHER.password)
    teacher.goto(f"{live_server.url}/classes/{classroom.pk}/students/")
    requests = teacher.locator("[data-join-requests]")
    expect(requests).to_contain_text("1 student asks to join")
    expect(requests).to_contain_text("Nia Newton")
    assert_accessible(teacher)
    screenshot(teacher, f"join-requests-{width}")
    let_in = teacher.get_by_role("button", name=f"Let in Nia Newton (new.pupil{width})")
    for _ in range(200):  # Tab through the page until the button has the focus
        if let_in.evaluate("button => button === document.activeElement"):
            break
        teacher.keyboard.press("Tab")
    else:
        raise AssertionError("The “Let in” button cannot be reached with Tab")
    teacher.keyboard.press("Enter")
    expect(teacher.get_by_text("Nia Newton is now in the class.")).to_be_visible()
    expect(teacher.locator("[data-join-requests]")).to_have_count(0)
    expect(teacher.locator(f'[data-student="new.pupil{width}"]')).to_be_visible()
    assert_accessible(teacher)
    # The settings behind it: approval on, and a time at which the code stops working.
    teacher.get_by_role("link", name="Change who may join").click()
    expect(teacher.get_by_label("New students wait for my approval")).to_be_checked()
    expect(teacher.get_by_label("The code stops working at")).to_be_visible()
    assert teacher.evaluate("document.documentElement.scrollWidth") <= width
    assert_accessible(teacher)
    teacher_context.close()

    # The student, on their next visit, sees the assignment.
    page.goto(f"{live_server.url}/lessons/")
    expect(page.locator("[data-waiting]")).to_have_count(0)
    expect(page.locator(f'[data-assignment="{assignment.pk}"]')).to_be_visible()
    assert Membership.objects.filter(
        classroom=classroom, student__username=f"new.pupil{width}"
    ).exists()
    assert_accessible(page)
