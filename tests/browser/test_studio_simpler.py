"""A simpler wording typed by keyboard in the studio's question editor is saved with its text;
deleting a question asks first and Cancel goes back. Axe-clean at 375 and 1280 px."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import User
from accounts.services import user_create
from studio.models import Draft
from tests.studio.test_services import example_draft

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "correct-horse-battery"


@pytest.fixture
def studio(page, live_server, login):
    teacher = user_create(username="t.simple", password=PASSWORD, role=User.Role.TEACHER)
    draft = example_draft(teacher)
    login(page, "t.simple", PASSWORD)
    return draft, f"{live_server.url}/studio/{draft.pk}"


def enter(page, selector: str) -> None:
    page.locator(selector).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize("width", [375, 1280])
def test_a_simpler_wording_is_typed_by_keyboard_saved_and_stored(
    page, studio, assert_accessible, width
):
    draft, base = studio
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{base}/questions/quiz/0/")
    assert_accessible(page)
    standard = page.get_by_label("Feedback", exact=True).first  # choice 1's feedback
    name = standard.get_attribute("name")
    standard.focus()
    page.keyboard.type("Yes: it praises the bridge.")
    # Folded under its text: Tab reaches the summary, Enter opens it, Tab reaches the field.
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text(re.compile("Simpler wording"))
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    simpler = page.locator(":focus")
    expect(simpler).to_have_accessible_name("Simpler wording of “Feedback” (optional)")
    page.keyboard.type("Yes. It says the bridge is good.")
    assert_accessible(page)
    enter(page, "button:has-text('Save the question')")
    assert page.url.endswith("#saved")
    draft.refresh_from_db()
    assert draft.tree["quiz"]["items"][0]["spec"]["choices"][0]["feedback"] == {
        "standard": "Yes: it praises the bridge.",
        "simpler": "Yes. It says the bridge is good.",
    }
    # Shown again open, with its wording, beside its text.
    expect(page.locator(f'[name="{name}"]')).to_have_value("Yes: it praises the bridge.")
    shown = page.locator(f'[name="{name[: -len("standard")]}simpler"]')
    expect(shown).to_be_visible()
    expect(shown).to_have_value("Yes. It says the bridge is good.")
    assert_accessible(page)


@pytest.mark.parametrize("width", [375, 1280])
def test_deleting_a_question_is_confirmed_by_keyboard_and_cancel_keeps_it(
    page, studio, assert_accessible, width
):
    draft, base = studio
    first = draft.tree["quiz"]["items"][0]["id"]
    count = len(draft.tree["quiz"]["items"])
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{base}/steps/")
    enter(page, "a[href$='/questions/quiz/0/delete/']")
    expect(page.get_by_role("heading", name=f"Delete the question “{first}”?")).to_be_visible()
    assert_accessible(page)
    enter(page, "a:has-text('Cancel')")
    assert page.url.endswith("/steps/#questions")
    assert len(Draft.objects.get(pk=draft.pk).tree["quiz"]["items"]) == count
    enter(page, "a[href$='/questions/quiz/0/delete/']")
    enter(page, "button:has-text('Delete the question')")
    assert page.url.endswith("/steps/#questions")
    items = Draft.objects.get(pk=draft.pk).tree["quiz"]["items"]
    assert len(items) == count - 1 and first not in {item["id"] for item in items}
