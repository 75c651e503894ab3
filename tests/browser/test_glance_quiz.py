"""The quiz on a phone (issue 19, point 1): the clock and "n of m answered" take one thin line
that stays in view; "Finish" lists the questions without an answer, with links, before the
submit button; sentence selection is the document as running text to tap, not a column of
checkboxes, and works by keyboard."""

import re

import pytest
from playwright.sync_api import expect

from classroom.demo import DEMO_ACCOUNTS, DEMO_CLASS_NAME
from classroom.models import Assignment
from quizzes.models import Attempt, Question
from tests.browser.conftest import ARTIFACTS
from tests.browser.glance import SIZES, glance  # noqa: F401

from .student_answers import fill, right

STUDENT = next(a for a in DEMO_ACCOUNTS if a.username == "student1")


def khojaly() -> Assignment:
    return Assignment.objects.get(classroom__name=DEMO_CLASS_NAME, lesson__slug="khojaly-1992")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: str(s["width"]))
def test_a_student_takes_the_quiz_on_a_phone_and_a_laptop(
    page,
    live_server,
    demo_data,
    login,
    glance,  # noqa: F811
    size,
):
    assignment = khojaly()
    Assignment.objects.filter(pk=assignment.pk).update(time_limit_minutes=40)
    page.set_viewport_size(size)
    login(page, STUDENT.username, STUDENT.password)
    page.goto(f"{live_server.url}/lessons/assignments/{assignment.pk}/steps/quiz/")
    page.get_by_role("button", name=re.compile("Start the quiz")).click()
    page.wait_for_url(re.compile(r"/quizzes/attempts/\d+/$"))
    attempt = Attempt.objects.get(assignment=assignment, kind=Attempt.Kind.QUIZ)
    total = len(attempt.item_order)

    status = page.locator("[data-quiz-status]")
    assert status.bounding_box()["height"] <= 48  # one thin line
    assert re.search(rf"0 of {total} answered", status.inner_text())
    assert status.get_by_text(re.compile(r"Time left")).is_visible()
    glance("quiz-start")

    # Answer the third question; the line at the top is still in view and counts it.
    question = Question.objects.get(pk=attempt.item_order[2])
    fill(page, question, right(question))
    page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
    assert abs(status.bounding_box()["y"]) < 1
    expect(status.locator("[data-answered-count]")).to_have_text("1")
    assert re.search(rf"1 of {total} answered", status.inner_text())

    # Finish: the questions still without an answer, each a link; the third is not among them.
    status.get_by_role("link", name="Finish").click()
    panel = page.locator("[data-quiz-submit]")
    assert page.evaluate("document.activeElement.id") == "quiz-submit"
    links = panel.locator("[data-unanswered]:not([hidden]) a")
    assert links.count() == total - 1
    assert panel.locator('[data-unanswered="item-3"]').is_hidden()
    assert panel.get_by_role("button", name="Submit quiz").is_visible()
    glance("quiz-before-submit")
    links.first.click()
    page.wait_for_url(re.compile(r"#item-1$"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: str(s["width"]))
def test_sentences_are_selected_by_tapping_them_in_the_text(
    page,
    live_server,
    demo_data,
    login,
    glance,  # noqa: F811
    size,
):
    assignment = khojaly()
    page.set_viewport_size(size)
    login(page, STUDENT.username, STUDENT.password)
    # Part B of the perspective activity: ten sentences to choose from.
    page.goto(f"{live_server.url}/lessons/assignments/{assignment.pk}/steps/perspective/")
    text = page.locator(".select-text").first
    sentences = text.locator(".select-label")
    assert sentences.count() >= 10
    assert text.locator("input[type=checkbox]").count() == sentences.count()  # real controls
    # Running text in a panel of at most 60% of the screen, not a column of boxes.
    box = text.bounding_box()
    assert box["height"] <= 0.6 * size["height"] + 1
    rows = {round(sentences.nth(i).bounding_box()["y"]) for i in range(sentences.count())}
    assert len(rows) < sentences.count()  # several sentences share a line

    sentences.nth(1).click()
    checks = text.locator(".select-check")
    assert checks.nth(1).is_checked()
    # By keyboard: Tab reaches the next sentence's box, Space ticks it, a visible ring shows it.
    checks.nth(1).focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert checks.nth(2).is_checked()
    ring = sentences.nth(2).evaluate("e => getComputedStyle(e).outlineStyle")
    assert ring == "solid"
    glance("select-sentences")
    text.screenshot(path=str(ARTIFACTS / f"select-sentences-text-{size['width']}.png"))
