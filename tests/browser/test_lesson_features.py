"""The package features in a real Chromium, on the example package, at phone and laptop widths:
the context step's figure (an image that loads, with its alt text) and timeline (a table), the
switch to the simpler texts by keyboard, numbered citations that lead to the reference list,
parallel source cards with excerpts, the minutes in the step list, and the reflection's writing
help. axe-core checks every page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.conftest import PASSWORD

PHONE = {"width": 375, "height": 800}
LAPTOP = {"width": 1280, "height": 900}


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["375", "1280"])
def test_a_student_reads_the_lesson_features_at_both_levels(
    transactional_db,
    page,
    live_server,
    login,
    assert_accessible,
    screenshot,
    student,
    assignment,
    viewport,
):
    page.set_viewport_size(viewport)
    login(page, student.username, PASSWORD)

    def step(kind: str) -> None:
        page.goto(live_server.url + reverse("learning:step", args=[assignment.pk, kind]))

    step("context")
    figure = page.locator("figure.lesson-figure img")
    assert figure.get_attribute("alt").startswith("Sketch map of Millbrook.")
    figure.scroll_into_view_if_needed()
    expect(figure).to_be_visible()
    assert page.evaluate("img => img.complete && img.naturalWidth > 0", figure.element_handle())
    page.get_by_text("The figure in words").click()
    expect(page.get_by_text("The Alder River runs from the top of the map")).to_be_visible()

    timeline = page.get_by_role("table").filter(has_text="The petition")
    expect(timeline.locator("tbody tr")).to_have_count(3)
    expect(timeline.locator("tbody tr").first).to_contain_text("1908")
    expect(page.locator(".step-minutes").first).to_contain_text("min")
    expect(page.locator(".part-banner")).to_contain_text("Part 1 of 2")
    assert_accessible(page)
    screenshot(page, f"lesson-features-context-standard-{viewport['width']}")

    # Citations are numbered links to the list; following one opens the list in place (loaded
    # on demand) and moves the focus to its entry.
    citation = page.locator(".step-body sup.citation a").first
    assert citation.text_content() == "[reference 3]"  # shown as [3]; heard as "reference 3"
    citation.click()
    entry = page.locator("details[data-references] #ref-mhs-1952")
    expect(entry).to_be_visible()
    expect(entry).to_be_focused()

    # The switch to the simpler texts, by keyboard.
    simpler = page.get_by_role("button", name="Simpler text")
    expect(simpler).to_have_attribute("aria-pressed", "false")
    simpler.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Simpler text")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page.locator(".step-body")).to_contain_text("People crossed the river on a boat")
    assert_accessible(page)
    screenshot(page, f"lesson-features-context-simpler-{viewport['width']}")

    step("close_reading")  # the choice holds on every step
    simpler_prompt = "What is the name of the river under the new bridge?"
    expect(page.locator(".prompt").filter(has_text=simpler_prompt)).to_be_visible()
    expect(page.get_by_label(simpler_prompt)).to_be_editable()  # the field is named by it too
    assert_accessible(page)

    step("corroboration")
    cards = page.locator("article.source")
    expect(cards).to_have_count(2)
    expect(cards.nth(1).locator(".source-excerpt").first).to_contain_text(
        "“About 1,200 persons attended the opening of the bridge.”"
    )
    assert_accessible(page)

    step("reflection")
    expect(page.get_by_text("Ways to begin a sentence")).to_be_visible()
    expect(page.get_by_text("A frame for your paragraph (fill in the blanks)")).to_be_visible()
    assert_accessible(page)
    screenshot(page, f"lesson-features-reflection-{viewport['width']}")

    # Back to the standard texts, by keyboard too.
    step("context")
    standard = page.get_by_role("button", name="Standard text")
    standard.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".step-body")).to_contain_text("Until 1911 the only way across")
