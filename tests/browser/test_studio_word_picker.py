"""The studio's word picker: a select item's key (unit: word) picked on the document by mouse
and keyboard, the live preview following the picks, the spans stored with the draft."""

from __future__ import annotations

from playwright.sync_api import expect

from accounts.models import User
from accounts.services import user_create
from studio.models import Draft
from studio.services import draft_create, question_list
from tests.browser.test_studio import DOCUMENT, LAPTOP, PASSWORD, PHONE


def test_a_word_key_is_picked_in_the_studio_with_the_preview_following(
    page, live_server, transactional_db, login, assert_accessible
):
    teacher = user_create(username="t.picker", password=PASSWORD, role=User.Role.TEACHER)
    draft = draft_create(owner=teacher, text=DOCUMENT, title="The ferry notice")
    login(page, "t.picker", PASSWORD)
    page.set_viewport_size(LAPTOP)
    page.goto(f"{live_server.url}/studio/{draft.pk}/questions/quiz/new/?type=select")
    page.locator('[name="q-id"]').fill("q-words")
    page.locator('[name="q-prompt-standard"]').fill("Select the words of the ferryman's opinion.")
    page.locator('[name="q-skills"][value="sourcing"]').check()
    page.locator('[name="q-spec-unit"]').select_option("word")
    with page.expect_navigation():
        page.get_by_role("button", name="Update the form").click()
    picker = page.locator("[data-word-picker]")
    expect(picker).to_be_visible()
    sentence = picker.locator("[data-picker-sentence]").filter(has_text="regret")
    sid = sentence.get_attribute("data-picker-sentence")
    preview = page.locator("#question-preview")
    expect(preview.get_by_label("regret", exact=True)).to_have_count(0)  # no key, no preview
    # By mouse, then by keyboard (arrows between the words, Space picks).
    sentence.get_by_role("button", name="would", exact=True).click()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    expect(picker.locator("[data-picker-spans] li")).to_have_text([f"{sid}: “would regret it”"])
    expect(page.locator("#id-q-spec-key-0-text")).to_have_value("would regret it")
    # The live preview follows the picks: the words are offered to students.
    expect(preview.get_by_label("regret", exact=True)).to_be_visible()
    for size in (PHONE, LAPTOP):
        page.set_viewport_size(size)
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"] + 1
    # Unpick the last word, save: the stored key holds the span picked.
    sentence.get_by_role("button", name="it", exact=True).click()
    page.get_by_role("button", name="Save the question").click()
    page.wait_for_url(lambda url: url.endswith("#saved") or url.endswith("#question-errors"))
    items = question_list(Draft.objects.get(pk=draft.pk).tree, "quiz")
    assert items[0]["spec"]["key"] == [{"sentence": sid, "text": "would regret"}]
    assert page.url.endswith("#saved")
