"""A student's pages at a glance (issue 19, points 2 and 3), at phone and laptop widths: the
steps named (on a phone the current one, the others in a menu; on a laptop one line), a quiz
step that says "submitted" rather than a ✓, lesson tables that keep words whole, references
beside their numbers; the dashboard's due date in words and one obvious next step."""

import re

import pytest
from playwright.sync_api import expect

from classroom.demo import DEMO_ACCOUNTS, DEMO_CLASS_NAME
from classroom.models import Assignment
from tests.browser.glance import SIZES, glance  # noqa: F401
from tests.classroom.conftest import answer_quiz

STUDENT = next(a for a in DEMO_ACCOUNTS if a.username == "student1")
STEPS = ["context", "sourcing", "close_reading", "perspective", "fact_interpretation",
         "corroboration", "reflection", "quiz"]  # fmt: skip

# Every word of every cell of a prose table on one line: a word cut in two has two boxes. (A
# line may break after a hyphen or a dash, between two dates: that is not inside a word.)
BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll('.prose td, .prose th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/[\\p{L}\\p{N}'\\u2019]+/gu)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


def khojaly() -> Assignment:
    return Assignment.objects.get(classroom__name=DEMO_CLASS_NAME, lesson__slug="khojaly-1992")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: str(s["width"]))
def test_the_lesson_steps_read_at_a_glance(
    page,
    live_server,
    demo_data,
    login,
    glance,  # noqa: F811
    size,
):
    from accounts.models import User

    assignment = khojaly()
    answer_quiz(student=User.objects.get(username=STUDENT.username), assignment=assignment)
    page.set_viewport_size(size)
    login(page, STUDENT.username, STUDENT.password)
    phone = size["width"] <= 375
    for kind in STEPS:
        page.goto(f"{live_server.url}/lessons/assignments/{assignment.pk}/steps/{kind}/")
        if phone:
            menu = page.locator("[data-steps-menu]")
            summary = menu.locator("summary")
            assert re.search(r"Step \d of 8", summary.inner_text())
            assert page.locator(".steps").is_hidden()
        else:
            bar = page.locator(".steps > li")
            tops = {round(bar.nth(i).bounding_box()["y"]) for i in range(bar.count())}
            assert len(tops) == 1, f"{kind}: the step bar wraps onto {len(tops)} lines"
            names = page.locator(".steps .step-name")
            assert all(names.nth(i).is_visible() for i in range(names.count()))
            overflowing = page.evaluate(
                "() => [...document.querySelectorAll('.steps > li')]"
                ".filter(li => li.scrollWidth > li.clientWidth + 1).length"
            )
            assert overflowing == 0, f"{kind}: a step's name runs into the next one"
        assert not page.evaluate(BROKEN_WORDS), kind
        glance(f"student-step-{kind}")

    # The quiz was submitted: its step says so in words, without the ✓ of a finished step.
    quiz_link = page.locator(".steps-list li.is-quiz" if phone else ".steps li.is-quiz")
    if phone:
        page.locator("[data-steps-menu] summary").click()
        assert quiz_link.get_by_role("link").is_visible()
    assert "submitted" in quiz_link.inner_text()
    assert "✓" not in quiz_link.inner_text()
    glance("student-step-menu")

    # References: loaded when opened; each address sits with its citation, beside its number.
    page.goto(f"{live_server.url}/lessons/assignments/{assignment.pk}/steps/context/")
    assert page.locator(".references li").count() == 0
    page.locator("details[data-references] summary").click()
    page.locator(".references li").first.wait_for()
    gaps = page.evaluate(
        """() => [...document.querySelectorAll('.references li')].map(li => {
            const link = li.querySelector(':scope > a');
            const text = li.querySelector(':scope > p');
            if (!link || !text) return 0;
            return link.getBoundingClientRect().top - text.getBoundingClientRect().bottom;
        })"""
    )
    assert gaps and max(gaps) < 4, gaps
    glance("student-step-references")

    # A term of the document opens the glossary in place, at its definition, by keyboard too.
    page.goto(f"{live_server.url}/lessons/assignments/{assignment.pk}/steps/sourcing/")
    term = page.locator("a.term").first
    anchor = term.get_attribute("href").split("#")[1]
    term.focus()
    page.keyboard.press("Enter")
    definition = page.locator(f"details[data-glossary] #{anchor}")
    # The definition is swapped in first, then focused: wait for the focus, not just the node.
    expect(definition).to_be_focused()
    assert page.locator("details[data-glossary]").evaluate("d => d.open")
    glance("student-step-glossary")

    # Without the step around it, the glossary page has every definition and every source.
    page.goto(f"{live_server.url}/lessons/assignments/{assignment.pk}/glossary/")
    assert page.locator(f"#{anchor}").is_visible()
    assert page.locator("#references li").count() > 10
    glance("student-glossary-page")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: str(s["width"]))
def test_the_dashboard_says_what_to_do_next_and_when_in_words(
    page,
    live_server,
    demo_data,
    login,
    glance,  # noqa: F811
    size,
):
    page.set_viewport_size(size)
    login(page, STUDENT.username, STUDENT.password)
    page.goto(f"{live_server.url}/lessons/")
    nxt = page.locator("[data-next]")
    days = "today|tomorrow|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    assert re.search(rf"due ({days})\b.*, \d\d:\d\d", nxt.inner_text())
    button = nxt.get_by_role("link", name=re.compile("Start the lesson|Continue"))
    box = button.bounding_box()
    assert box["y"] + box["height"] <= size["height"]  # in view without scrolling
    assert page.locator("a.btn-primary").count() == 1  # one obvious button
    due = page.locator("[data-due]").first
    assert not re.search(r"\d{1,2}:\d\d [ap]\.m\.", due.inner_text())  # not "2:42 a.m."
    # Honest time: each part's minutes, or each step's when the lesson is one part.
    parts = page.locator("[data-parts]").first
    if parts.evaluate("e => e.tagName") == "DETAILS":
        parts.locator("summary").click()
    assert re.search(r"about \d+ minutes", parts.inner_text())
    glance("student-dashboard")
    button.click()
    page.wait_for_url(re.compile(r"/steps/\w+/$"))
