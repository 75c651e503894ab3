"""An item editor and its live preview, by keyboard, on a test-only page (the studio builds
the real pages): add a row, move it, pick a sentence, fill a matrix key, see an error at its
field, fix it, see the preview follow; axe-clean on a phone and a laptop."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import editor_urls

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def editor_page(settings, live_server, page):
    settings.ROOT_URLCONF = "tests.browser.editor_urls"
    editor_urls.SAVED.clear()

    def open_(type_key: str, width: int = 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/__editor__/{type_key}/")
        return page

    return open_


def press_on(page, selector: str, key: str = "Enter") -> None:
    page.locator(selector).focus()
    with page.expect_navigation():
        page.keyboard.press(key)


def texts_of_items(page) -> list[str]:
    return page.locator("input[name^='q-spec-items-'][name$='-text']").evaluate_all(
        "els => els.map(e => e.value)"
    )


def test_an_order_item_is_edited_by_keyboard_with_errors_at_their_fields(
    editor_page, assert_accessible
):
    page = editor_page("order")
    assert_accessible(page)
    # Add a row: the keyboard lands in it.
    press_on(page, "button[value='add:spec.items']")
    expect(page.locator("#id-q-spec-items-2-id")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.type("Reporters arrive")
    # Move it up twice: the focus stays on the row's button as it moves.
    press_on(page, "#id-q-spec-items-2--up")
    expect(page.locator("#id-q-spec-items-1--up")).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert texts_of_items(page) == [
        "Reporters arrive",
        "The shelling begins",
        "Troops enter the town",
    ]
    # Empty a text and save: the error is at that text, in plain words, linked from the summary.
    page.locator("#id-q-spec-items-1-text").fill("")
    press_on(page, "button[name='save']")
    field = page.locator("#id-q-spec-items-1-text")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id-q-spec-items-1-text-error")).to_have_text("Write something here.")
    expect(page.get_by_role("link", name="Write something here.")).to_be_visible()
    assert_accessible(page)
    # Fix it: saved, and the preview shows the item as a student sees it.
    field.fill("The shelling starts")
    press_on(page, "button[name='save']")
    expect(page.get_by_role("status").filter(has_text="Saved.")).to_be_visible()
    expect(page.locator("#preview")).to_contain_text("The shelling starts")
    # The live preview follows the editor without a page load (htmx, on change).
    page.locator("#id-q-prompt-standard").fill("Which came first?")
    page.locator("#id-q-points").focus()
    expect(page.locator("#preview .prompt")).to_have_text("Which came first?")


def test_a_sentence_is_picked_on_the_document_and_the_preview_grades_it(
    editor_page, assert_accessible
):
    page = editor_page("select", width=375)
    assert_accessible(page)
    page.locator("#id-q-spec-key-s2").focus()
    page.keyboard.press("Space")
    page.locator("#id-q-spec-key-s1").focus()
    page.keyboard.press("Space")
    press_on(page, "button[name='save']")
    expect(page.get_by_role("status").filter(has_text="Saved.")).to_be_visible()
    expect(page.locator("#id-q-spec-key-s2")).to_be_checked()
    expect(page.locator("#id-q-spec-key-s1")).not_to_be_checked()
    # A sample answer in the preview gets the type's feedback.
    page.locator("#preview-s2").focus()
    page.keyboard.press("Space")
    expect(page.locator("#preview")).to_contain_text("Correct!")


@pytest.mark.parametrize("width", [375, 1280])
def test_a_matrix_key_is_filled_in_the_grid(editor_page, assert_accessible, width):
    page = editor_page("matrix", width=width)
    press_on(page, "button[name='save']")
    grid = page.locator("#id-q-spec-cells")
    expect(grid.locator(".invalid-feedback")).not_to_have_count(0)
    assert_accessible(page)
    radio = page.get_by_role("group", name="The death toll — Memorial").get_by_label("Does not")
    radio.focus()
    page.keyboard.press("Space")
    press_on(page, "button[name='save']")
    expect(page.get_by_role("status").filter(has_text="Saved.")).to_be_visible()
    assert_accessible(page)


def key_rows(page) -> list[tuple[str, str]]:
    """The key's rows as the form holds them: (sentence, text)."""
    rows = page.locator("li[data-row]:has([name^='q-spec-key-'])").evaluate_all(
        """rows => rows.map(r => [r.querySelector("[name$='-sentence']").value,
                                   r.querySelector("[name$='-text']").value])"""
    )
    return [tuple(row) for row in rows]


def word(page, sentence: str, text: str):
    group = page.get_by_role("group", name=f"Sentence {sentence}")
    return group.get_by_role("button", name=text, exact=True)


def test_words_of_the_key_are_picked_on_the_document_by_mouse_and_keyboard(
    editor_page, assert_accessible
):
    page = editor_page("select_words", width=375)
    # The key's row shows on the document: its words are pressed.
    expect(word(page, "s1", "for")).to_have_attribute("aria-pressed", "true")
    expect(word(page, "s1", "weeks")).to_have_attribute("aria-pressed", "true")
    expect(word(page, "s1", "shelled")).to_have_attribute("aria-pressed", "false")
    box = word(page, "s4", "and").bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24  # WCAG 2.5.8 on a phone
    assert_accessible(page)
    # By mouse: two neighbouring words are one entry, the exact text between them included.
    word(page, "s2", "Troops").click()
    word(page, "s2", "entered").click()
    expect(page.locator("[data-picker-status]")).to_have_text("Picked “entered” in s2.")
    assert key_rows(page) == [("s1", "for weeks"), ("s2", "Troops entered")]
    # By keyboard: one tab stop per sentence, arrows between its words, Space or Enter picks.
    word(page, "s3", "Reporters").focus()
    page.keyboard.press("ArrowRight")
    expect(word(page, "s3", "reached")).to_be_focused()
    page.keyboard.press("Space")
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    assert key_rows(page) == [
        ("s1", "for weeks"),
        ("s2", "Troops entered"),
        ("s3", "reached"),
        ("s3", "later"),
    ]
    # Unpick: the entry shrinks, and the change is announced.
    page.keyboard.press("Enter")
    word(page, "s2", "entered").click()
    expect(page.locator("[data-picker-status]")).to_have_text("Unpicked “entered” in s2.")
    expect(word(page, "s2", "entered")).to_have_attribute("aria-pressed", "false")
    assert key_rows(page) == [("s1", "for weeks"), ("s2", "Troops"), ("s3", "reached")]
    # A run that occurs twice in its sentence would not resolve: it is said next to it.
    word(page, "s4", "town").nth(1).click()
    spans = page.locator("[data-picker-spans] li")
    expect(spans.filter(has_text="s4: “town”")).to_contain_text("occur 2 times")
    word(page, "s4", "the").click()
    expect(spans.filter(has_text="s4: “the town”")).not_to_contain_text("occur")
    # A row edited by hand repaints the picks.
    page.locator("#id-q-spec-key-2-text").fill("the area")
    expect(word(page, "s3", "reached")).to_have_attribute("aria-pressed", "false")
    expect(word(page, "s3", "area")).to_have_attribute("aria-pressed", "true")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert_accessible(page)
    # Saved: the stored key holds the spans picked, and the page shows them again.
    press_on(page, "button[name='save']")
    expect(page.get_by_role("status").filter(has_text="Saved.")).to_be_visible()
    assert editor_urls.SAVED["select_words"]["spec"]["key"] == [
        {"sentence": "s1", "text": "for weeks"},
        {"sentence": "s2", "text": "Troops"},
        {"sentence": "s3", "text": "the area"},
        {"sentence": "s4", "text": "the town"},
    ]
    expect(word(page, "s4", "the")).to_have_attribute("aria-pressed", "true")
    # The live preview offers the words as a student sees them.
    expect(page.locator("#preview")).to_contain_text("Troops")
    assert_accessible(page)
    # Ticking sentences in `within` shows only those in the picker.
    sentences = page.locator("[data-picker-sentence]")
    page.locator("#id-q-spec-within-s2").check()
    expect(sentences.filter(visible=True)).to_have_count(1)
    expect(word(page, "s2", "Troops")).to_be_visible()
    page.locator("#id-q-spec-within-s2").uncheck()
    expect(sentences.filter(visible=True)).to_have_count(4)


def test_without_javascript_the_key_is_typed_in_rows_and_still_posts(
    settings, live_server, browser, browser_context_args
):
    settings.ROOT_URLCONF = "tests.browser.editor_urls"
    editor_urls.SAVED.clear()
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/__editor__/select_words/")
    expect(page.locator("[data-word-picker]")).to_be_hidden()
    press_on(page, "button[value='add:spec.key']")
    page.locator("#id-q-spec-key-1-sentence").select_option("s2")
    page.locator("#id-q-spec-key-1-text").fill("25 February")
    press_on(page, "button[name='save']")
    expect(page.get_by_role("status").filter(has_text="Saved.")).to_be_visible()
    assert editor_urls.SAVED["select_words"]["spec"]["key"] == [
        {"sentence": "s1", "text": "for weeks"},
        {"sentence": "s2", "text": "25 February"},
    ]
    context.close()
