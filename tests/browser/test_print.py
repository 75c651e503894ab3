"""Printing: a lesson step and the teacher guide come out as content on paper — no navigation,
no buttons, the document in full rather than in its scrolling side panel, folded sections open."""

from playwright.sync_api import expect

from classroom.demo import DEMO_ACCOUNTS, DEMO_CLASS_NAME
from classroom.models import Assignment
from quizzes.models import Question

STUDENT = next(a for a in DEMO_ACCOUNTS if a.username == "student1")
TEACHER = next(a for a in DEMO_ACCOUNTS if a.username == "teacher")


def visible(page, selector: str) -> bool:
    return page.evaluate(
        "s => [...document.querySelectorAll(s)].some(e => getComputedStyle(e).display !== 'none')",
        selector,
    )


def test_a_printed_lesson_step_shows_the_document_and_no_controls(
    page, live_server, demo_data, login, screenshot
):
    login(page, STUDENT.username, STUDENT.password)
    assignment = Assignment.objects.get(
        classroom__name=DEMO_CLASS_NAME, lesson__slug="khojaly-1992"
    )
    page.goto(f"{live_server.url}/lessons/assignments/{assignment.pk}/steps/sourcing/")
    assert visible(page, "header") and visible(page, ".step-pager")

    page.emulate_media(media="print")
    assert not visible(page, "header")
    assert not visible(page, ".step-pager")
    assert not visible(page, ".btn")
    panel = page.locator(".lesson-aside .doc-panel")
    assert panel.evaluate("e => getComputedStyle(e).position") == "static"
    assert panel.evaluate("e => getComputedStyle(e).overflowY") == "visible"
    screenshot(page, "print-lesson-step")


def test_printing_the_guide_opens_its_folded_sections_and_folds_them_back(
    page, live_server, demo_data, login
):
    login(page, TEACHER.username, TEACHER.password)
    # The guide draws one step's key per page; the whole of it is one link away, to print.
    guide = f"{live_server.url}/classes/lessons/khojaly-1992/guide/"
    page.goto(guide)
    link = page.get_by_role("link", name="Every step, to print the whole guide")
    assert link.get_attribute("href") == "?step=all#key"
    page.goto(guide + "?step=all#key", timeout=120_000)  # the whole guide: a big page
    expect(page.get_by_role("button", name="Print the whole guide")).to_be_visible()
    questions = Question.objects.filter(lesson__slug="khojaly-1992", is_current=True).count()
    assert page.locator(".guide-item").count() == questions
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = false)")
    folded = page.evaluate("document.querySelectorAll('details').length")
    assert folded > 0

    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate("document.querySelectorAll('details:not([open])').length") == 0

    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate("document.querySelectorAll('details[open]').length") == 0


def test_a_printed_result_shows_the_score_and_no_controls(page, live_server, demo_data, login):
    from accounts.models import User
    from tests.classroom.conftest import answer_quiz

    assignment = Assignment.objects.get(
        classroom__name=DEMO_CLASS_NAME, lesson__slug="khojaly-1992"
    )
    student = User.objects.get(username=STUDENT.username)
    attempt = answer_quiz(student=student, assignment=assignment)
    login(page, STUDENT.username, STUDENT.password)
    page.goto(f"{live_server.url}/quizzes/attempts/{attempt.pk}/result/")
    assert visible(page, "header")

    page.emulate_media(media="print")
    assert not visible(page, "header")
    assert not visible(page, ".btn")
    assert page.get_by_role("heading", level=1).is_visible()
    assert "%" in page.locator("main").inner_text()
