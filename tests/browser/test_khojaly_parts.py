"""The Khojaly lesson's three class periods in a real Chromium, at phone and laptop widths: a
student walks every step of every part, first at the standard level and then at the simpler
one. Each step shows its part and the minutes the loader computed for that level; the context
step shows the map (an image that loads, with its alt text and a description in words) and
the timeline (a table with every event). axe-core checks every page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from lessons.models import Step
from tests.conftest import PASSWORD

PHONE = {"width": 375, "height": 800}
LAPTOP = {"width": 1280, "height": 900}
LEVELS = ("standard", "simpler")


def _parts(lesson) -> list[tuple[str, list[Step]]]:
    steps = {step.kind: step for step in Step.objects.filter(lesson=lesson)}
    return [(part["title"], [steps[kind] for kind in part["steps"]]) for part in lesson.parts]


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["375", "1280"])
def test_a_student_walks_the_three_parts_at_both_levels(
    transactional_db,
    page,
    live_server,
    login,
    assert_accessible,
    screenshot,
    student,
    khojaly_assignment,
    viewport,
):
    lesson = khojaly_assignment.lesson
    parts = _parts(lesson)
    assert len(parts) == 3
    assert sum(len(steps) for _title, steps in parts) == Step.objects.filter(lesson=lesson).count()
    page.set_viewport_size(viewport)
    login(page, student.username, PASSWORD)

    for level in LEVELS:
        for number, (title, steps) in enumerate(parts, start=1):
            core = sum(step.minutes_for(level)["core"] for step in steps)
            assert 35 <= core <= 50, (level, title, core)  # about one class period
            for step in steps:
                page.goto(
                    live_server.url
                    + reverse("learning:step", args=[khojaly_assignment.pk, step.kind])
                )
                if step.kind == "context" and level == "simpler":
                    _choose_simpler(page)
                banner = page.locator(".part-banner")
                expect(banner).to_contain_text(f"Part {number} of 3: {title}")
                expect(banner).to_contain_text(f"about {core} minutes")
                expect(page.locator(".step-body")).to_contain_text(
                    _first_words(step.body_for(level))
                )
                if step.kind == "context":
                    _check_map_and_timeline(page, lesson)
                    screenshot(page, f"khojaly-context-{level}-{viewport['width']}")
                assert_accessible(page)


def _choose_simpler(page) -> None:
    simpler = page.get_by_role("button", name="Simpler text")
    simpler.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Simpler text")).to_have_attribute(
        "aria-pressed", "true"
    )


def _first_words(markdown: str) -> str:
    """The first words of a body's first paragraph, as they appear on the page."""
    line = next(line for line in markdown.splitlines() if line.strip())
    words = line.lstrip("> ").replace("**", "").split()
    return " ".join(words[:4])


def _check_map_and_timeline(page, lesson) -> None:
    figure = page.locator("figure.lesson-figure img")
    expect(figure).to_have_count(1)
    alt = figure.get_attribute("alt") or ""
    assert alt.startswith("Schematic map of the area around Khojaly."), alt
    figure.scroll_into_view_if_needed()
    expect(figure).to_be_visible()
    assert page.evaluate("img => img.complete && img.naturalWidth > 0", figure.element_handle())
    page.get_by_text("The figure in words").click()
    expect(page.get_by_text("Nakhichevanik and Pirdzhamal", exact=False)).to_be_visible()

    timeline = page.locator("section.timeline").get_by_role("table")
    rows = timeline.locator("tbody tr")
    expect(rows).to_have_count(len(lesson.timeline))
    expect(rows.first).to_contain_text("1988")
    expect(rows.last).to_contain_text("2024")
    expect(timeline).to_contain_text("Maraghar")
    expect(timeline).to_contain_text("Azerbaijanis")
    expect(timeline).to_contain_text("Armenians")
