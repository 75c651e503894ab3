"""The projector view (issue 19, point 5): a teacher shows the document, an activity and the
class's answers on the classroom screen, moves on by keyboard, and reveals the key only when
she chooses to."""

import re

import pytest

from classroom.demo import DEMO_ACCOUNTS, DEMO_CLASS_NAME
from classroom.models import Assignment
from quizzes.models import Question
from tests.browser.glance import SIZES, glance  # noqa: F401
from tests.classroom.conftest import answer_quiz

TEACHER = next(a for a in DEMO_ACCOUNTS if a.username == "teacher")
STUDENTS = [a for a in DEMO_ACCOUNTS if a.role == "student"]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: str(s["width"]))
def test_the_teacher_shows_the_class_answers_on_the_projector(
    page,
    live_server,
    demo_data,
    login,
    glance,  # noqa: F811
    size,
):
    from accounts.models import User

    assignment = Assignment.objects.get(
        classroom__name=DEMO_CLASS_NAME, lesson__slug="khojaly-1992"
    )
    for account in STUDENTS:
        answer_quiz(student=User.objects.get(username=account.username), assignment=assignment)
    page.set_viewport_size(size)
    login(page, TEACHER.username, TEACHER.password)

    page.goto(f"{live_server.url}/classes/{assignment.classroom_id}/assignments/{assignment.pk}/")
    page.get_by_role("link", name="Projector view").click()
    page.wait_for_url(re.compile(r"/projector/$"))
    assert page.locator(".projector-document .sentence").count() > 10
    assert page.locator("header.navbar, nav.navbar").count() == 0  # nothing but the slide
    font_size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert font_size >= (18 if size["width"] <= 375 else 24)
    glance("projector-document")

    page.keyboard.press("ArrowRight")
    page.wait_for_url(re.compile(r"/projector/1/$"))
    page.keyboard.press("ArrowLeft")
    page.wait_for_url(re.compile(r"/projector/0/$"))

    # The first quiz item, from the menu of slides.
    page.get_by_text("All slides").click()
    page.get_by_role("link", name="Quiz question 1", exact=True).click()
    page.wait_for_url(re.compile(r"/projector/\d+/$"))
    spread = page.locator("[data-spread]")
    assert "2 of 2 students answered" in spread.inner_text()
    for account in STUDENTS:
        assert account.display_name not in page.content()
        assert account.username not in spread.inner_text()
    assert page.locator(".projector-right").count() == 0
    glance("projector-quiz-item")

    page.get_by_role("button", name="Reveal the key").click()
    page.wait_for_url(re.compile(r"\?key=1$"))
    assert page.locator(".projector-right").count() >= 1
    glance("projector-quiz-item-key")

    page.get_by_role("link", name="Hide the class's answers").click()
    assert page.locator("[data-spread]").count() == 0
    page.get_by_role("link", name="Next").click()
    page.wait_for_url(re.compile(r"/projector/\d+/\?answers=0$"))
    assert page.locator("[data-spread]").count() == 0  # still hidden on the next item
    assert Question.objects.filter(lesson=assignment.lesson).exists()
