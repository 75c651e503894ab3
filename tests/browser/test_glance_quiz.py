"""The quiz on a phone (issue 19, point 1): sentence selection is the document as running text
to tap, not a column of checkboxes; the clock and "n of m answered" take one thin line that stays
in view; "Finish" lists the questions without an answer, with links, before the submit button."""

import re

import pytest
from playwright.sync_api import expect

from classroom.demo import DEMO_ACCOUNTS, DEMO_CLASS_NAME
from classroom.models import Assignment
from quizzes.models import Attempt
from tests.browser.conftest import ARTIFACTS
from tests.browser.glance import SIZES, glance  # noqa: F401

STUDENT = next(a for a in DEMO_ACCOUNTS if a.username == "student1")


def longest_selection(page) -> str:
    """The id of the quiz item with the most sentences to select (the whole document: part B
    of a two-part item in the Khojaly quiz, the ~5,300-px column of the review)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.quiz-form > ol > li')]
            .map(li => [li.querySelectorAll('.select-label').length, li.id])
            .sort((a, b) => b[0] - a[0])[0][1]"""
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda s: str(s["width"]))
def test_a_student_takes_the_quiz_on_a_phone_and_a_laptop(
    page,
    live_server,
    demo_data,
    login,
    glance,  # noqa: F811
    size,
):
    assignment = Assignment.objects.get(
        classroom__name=DEMO_CLASS_NAME, lesson__slug="khojaly-1992"
    )
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

    # Sentence selection: the document as running text, each sentence a label to tap.
    item_id = longest_selection(page)
    item = page.locator(f"#{item_id}")
    sentences = item.locator(".select-label")
    assert sentences.count() > 20
    # The whole document in a panel of at most 60% of the screen, scrolled inside.
    text = item.locator(".select-text")
    assert text.bounding_box()["height"] <= 0.6 * size["height"] + 1
    assert text.evaluate("e => e.scrollHeight > e.clientHeight")
    first = sentences.nth(2)
    first.scroll_into_view_if_needed()
    first.click()
    box = item.locator(".select-check").nth(2)
    assert box.is_checked()
    # By keyboard: the next sentence's checkbox takes focus with Tab and ticks with Space.
    box.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert item.locator(".select-check").nth(3).is_checked()
    # The line at the top is still in view after scrolling down, and counts the answer.
    assert abs(status.bounding_box()["y"]) < 1
    expect(status.locator("[data-answered-count]")).to_have_text("1")
    assert re.search(rf"1 of {total} answered", status.inner_text())
    glance("quiz-sentence-selection")
    item.screenshot(path=str(ARTIFACTS / f"quiz-sentence-selection-item-{size['width']}.png"))

    # Finish: the questions still without an answer, each a link; this one is not among them.
    status.get_by_role("link", name="Finish").click()
    panel = page.locator("[data-quiz-submit]")
    assert page.evaluate("document.activeElement.id") == "quiz-submit"
    links = panel.locator("[data-unanswered]:not([hidden]) a")
    assert links.count() == total - 1
    assert panel.locator(f'[data-unanswered="{item_id}"]').is_hidden()
    assert panel.get_by_role("button", name="Submit quiz").is_visible()
    glance("quiz-before-submit")
    links.first.click()
    page.wait_for_url(re.compile(r"#item-\d+$"))
