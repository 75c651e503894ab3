"""Issue 16, "Done when": axe is clean on every authoring page. A teacher and a content author
open every page of the lesson studio and of lesson packages in its states — empty, filled, with
the mistakes of an invalid post shown, after a preview — and the question editor of every
registered question type, new and filled (a copy of the Khojaly lesson has every type, with
select by sentence and by word, rubric levels, two parts, a matrix grid...). Each page is
checked with axe at 375 and 1280 px and must not scroll sideways on the phone; the keyboard
gets a skip link, a visible focus and no trap. Drafts are built with the services: clicking is
tested in test_studio.py."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from accounts.models import User
from authoring.package.files import package_files_read, package_files_to_zip
from classroom.demo import DEMO_ACCOUNTS
from lessons.models import Lesson
from quizzes.types import registry
from studio import services
from tests.browser.authoring_audit import LAPTOP, Audit
from tests.conftest import EXAMPLE_PACKAGE

ACCOUNTS = {a.username: a for a in DEMO_ACCOUNTS}
DOCUMENT = "The Ferry Notice\n\nThe ferry carried 40 people a day. Mr. Harlow said it was a pity.\n"
# The filled editors: the first question of each type in the Khojaly lesson, where it stands
# (its place, and its index there); select twice, by sentence and by word.
FILLED = {
    "order": ("context", 0),
    "classify": ("context", 1),
    "multiple_choice": ("context", 2),
    "true_false": ("context", 3),
    "single_choice": ("context", 4),
    "numeric": ("sourcing", 1),
    "short_text": ("close_reading", 2),
    "select (sentence)": ("close_reading", 3),
    "two_part": ("perspective", 0),
    "select (word)": ("perspective", 1),
    "matrix": ("corroboration", 0),
    "free_text": ("reflection", 1),
    "match": ("quiz", 3),
}


@pytest.mark.parametrize("username", ["teacher", "author"])
def test_every_authoring_page_is_accessible_on_a_phone_and_a_laptop(
    page, live_server, demo_data, login, axe, username, tmp_path
):
    account = ACCOUNTS[username]
    user = User.objects.get(username=username)
    audit = Audit(page, axe)
    page.set_default_timeout(30_000)
    page.set_viewport_size(LAPTOP)
    login(page, account.username, account.password)
    studio = f"{live_server.url}/studio/"

    def go(path: str) -> None:
        page.goto(path if path.startswith("http") else studio + path)

    # The list before any draft; a new lesson, sent empty, then started.
    go("")
    audit.check("draft list, empty")
    keyboard_basics(page, audit)
    page.get_by_role("link", name="New lesson from a document").click()
    expect(page.get_by_role("button", name="Start the lesson")).to_be_visible()
    audit.check("new lesson")
    page.get_by_role("button", name="Start the lesson").click()
    expect(page.locator("[aria-invalid='true']").first).to_be_visible()
    audit.check("new lesson, with its mistakes")
    page.get_by_label("Title of the lesson").fill("The ferry notice")
    page.get_by_label("Paste the document").fill(DOCUMENT)
    page.get_by_role("button", name="Start the lesson").click()
    page.wait_for_url(re.compile(r"/studio/\d+/document/$"))
    empty = page.url.rsplit("/document/", 1)[0] + "/"

    # The new draft, every tab empty, then each form sent with a mistake.
    audit.check("document, new")
    page.locator("#s2").focus()
    page.keyboard.press("m")  # "Mr." is no sentence: merged with the next
    expect(page.locator(".studio-sentence")).to_have_count(3)
    audit.check("document, after a merge")
    page.get_by_role("button", name="Add to the glossary").click()
    audit.check("document, glossary term with its mistake")
    for tab in ("lesson", "sourcing", "context", "steps"):
        go(f"{empty}{tab}/")
        audit.check(f"{tab}, empty")
        with page.expect_navigation():
            page.get_by_role("button", name="Save", exact=True).click()
        audit.check(f"{tab}, saved empty")
    go(f"{empty}preview/")
    audit.check("preview, with the things to fix")

    # The menu of types; each type's editor, new, then saved empty with its mistakes.
    go(f"{empty}questions/quiz/new/")
    expect(page.get_by_role("radio")).to_have_count(len(registry))
    audit.check("question types")
    for key, _label in registry.choices():
        go(f"{empty}questions/quiz/new/?type={key}")
        audit.check(f"{key}, new")
        if key in ("matrix", "select"):
            assert audit.tab_through(f"{key}, new") > 10
        page.get_by_role("button", name="Save the question").click()
        page.wait_for_url(re.compile(r"/questions/quiz/\d+/#"))
        audit.check(f"{key}, saved empty")

    # A filled draft: a copy of the Khojaly lesson, every type's editor filled, before and
    # after a preview.
    khojaly = Lesson.objects.get(slug="khojaly-1992")
    if user.is_teacher:  # where a teacher copies a school lesson
        go(f"{live_server.url}/classes/lessons/")
        expect(page.get_by_role("button", name="Copy and adapt")).to_be_visible()
        audit.check("lessons to copy")
    filled = f"{studio}{services.lesson_copy(lesson=khojaly, owner=user).pk}/"
    go("")
    audit.check("draft list, two drafts")
    for tab in ("document", "lesson", "sourcing", "context", "steps"):
        go(f"{filled}{tab}/")
        audit.check(f"{tab}, filled")
    assert audit.tab_through("steps, filled") > 20
    for name, (place, index) in FILLED.items():
        go(f"{filled}questions/{place}/{index}/")
        expect(page.locator("input[name='type']")).to_have_value(name.split(" ")[0])
        audit.check(f"{name}, filled")
        preview = page.locator("#question-preview")
        answered = False
        for answer in (False, True):  # the preview drawn, then a sample answer checked
            if answer:
                answered = answer_something(preview)
            with page.expect_navigation():
                page.get_by_role("button", name="Preview and check the answer").click()
        expect(preview).not_to_be_empty()
        if answered and name != "free_text":  # a written answer is the teacher's to read
            expect(preview.locator(".feedback-area")).not_to_be_empty()
        audit.check(f"{name}, after a preview")
    assert audit.tab_through("free_text, after a preview") > 20
    go(f"{filled}preview/")
    audit.check("preview, complete")
    page.get_by_role("button", name="Publish the lesson").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("is published")
    audit.check("published")

    if user.is_author:
        package_pages(page, live_server, audit, tmp_path)

    assert len(audit.checked) > 50
    assert not audit.problems, audit.report()


def keyboard_basics(page, audit: Audit) -> None:
    """The first Tab reaches the skip link, shown; Enter on it moves the focus to the main
    content."""
    page.evaluate("window.scrollTo(0, 0)")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()
    assert audit.tab_through("draft list") > 5


def package_pages(page, live_server, audit: Audit, tmp_path) -> None:
    """A content author's package pages: a lesson imported (a broken package first), and
    questions imported into a quiz (an unreadable file first)."""
    files = package_files_read(EXAMPLE_PACKAGE)
    good, bad = tmp_path / "lesson.zip", tmp_path / "broken.zip"
    good.write_bytes(package_files_to_zip(files))
    text = files["lesson.yaml"].decode().replace("points: 2", "points: many", 1)
    bad.write_bytes(package_files_to_zip({**files, "lesson.yaml": text.encode()}))
    page.goto(f"{live_server.url}/exchange/lessons/import/")
    audit.check("package import")
    with page.expect_navigation():
        page.get_by_role("button", name="Import").click()
    audit.check("package import, sent empty")
    page.get_by_label("Lesson package (zip)").set_input_files(str(bad))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing was imported")
    audit.check("package import, with its mistakes")
    page.get_by_label("Lesson package (zip)").set_input_files(str(good))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("status")).to_contain_text("was created")
    audit.check("package imported")
    page.goto(f"{live_server.url}/exchange/lessons/khojaly-1992/import/")
    audit.check("questions import")
    junk = tmp_path / "junk.xml"
    junk.write_text("<quiz><question type='nonsense'>")
    page.locator("input[type='file']").set_input_files(str(junk))
    page.get_by_role("button", name="Import").click()
    page.wait_for_load_state()
    audit.check("questions import, with its mistakes")


def answer_something(preview) -> bool:
    """A sample answer in the preview, so it shows feedback: every select (an order's
    positions in turn, a match's pairs), or else the first choice or text. False when the
    preview has nothing to answer."""
    selects = preview.locator("select")
    for number, select in enumerate(selects.all()):
        options = select.locator("option").count()
        select.select_option(index=number % (options - 1) + 1)
    if selects.count():
        return True
    fields = preview.locator("input:not([type=hidden]), textarea")
    if fields.count() == 0:
        return False
    first = fields.first
    if first.evaluate("e => e.type") in ("radio", "checkbox"):
        first.press("Space")  # a select's sentence: its text lies over its checkbox
    else:
        first.fill("1992")
    return True
