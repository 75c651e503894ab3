"""A translated lesson in a real Chromium, at phone and laptop widths, with the test fixture
tests/fixtures/packages/translated (an Azerbaijani machine draft): the student reading in
Azerbaijani sees the translated step, the document in its original language with its
translation beside it (below it on a phone), switches to the original by keyboard and back.
axe-core checks every page."""

# Azerbaijani is written with the dotless ı: not a look-alike of i here.
# ruff: noqa: RUF001, RUF003

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from authoring.services import lesson_packages_load
from classroom.services import assignment_create
from lessons.models import Lesson
from tests.conftest import PASSWORD

PHONE = {"width": 375, "height": 800}
LAPTOP = {"width": 1280, "height": 900}
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "packages" / "translated"


@pytest.fixture
def translated_assignment(transactional_db, classroom):
    lesson_packages_load(paths=[FIXTURE])
    now = timezone.now()
    return assignment_create(
        classroom=classroom,
        lesson=Lesson.objects.get(slug="harbour-light-fixture"),
        opens_at=now - timedelta(days=1),
        due_at=now + timedelta(days=7),
    )


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["375", "1280"])
def test_a_student_reads_the_lesson_in_azerbaijani_beside_the_original_document(
    page, live_server, login, assert_accessible, student, translated_assignment, viewport
):
    student.language = "az"
    student.save(update_fields=["language"])
    page.set_viewport_size(viewport)
    login(page, student.username, PASSWORD)

    def step(kind: str) -> None:
        url = reverse("learning:step", args=[translated_assignment.pk, kind])
        page.goto(live_server.url + url)

    step("context")
    expect(page.locator("#step-heading")).to_contain_text("İşıqdan əvvəl")
    expect(page.locator(".step-body")).to_contain_text("Gəmilər tez-tez")
    expect(page.locator(".activity").first).to_contain_text("Şura işığı niyə tikdi?")
    assert_accessible(page)

    step("close_reading")
    original = page.locator(".document-card .document")
    translated = page.locator(".document-card [data-document-translation]")
    expect(original).to_have_attribute("lang", "en")
    expect(original).to_contain_text("was lit on Monday evening.")
    expect(translated).to_contain_text("Yeni liman işığı bazar ertəsi axşamı yandırıldı.")
    expect(translated).to_contain_text("Machine draft (test fixture)")
    left, right = original.bounding_box(), translated.bounding_box()
    if viewport is LAPTOP:  # beside it
        assert right["x"] > left["x"] + left["width"] - 1
    else:  # below it on a phone
        assert right["y"] >= left["y"] + left["height"] - 1
    assert_accessible(page)

    # To the original by keyboard, remembered on the next page, and back.
    page.locator("[data-show-original]").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator("#step-heading")).to_contain_text("Reading the notice")
    expect(page.locator("[data-document-translation]")).to_have_count(0)
    step("context")
    expect(page.locator("#step-heading")).to_contain_text("Before the light")
    assert_accessible(page)
    page.locator("[data-show-translation]").click()
    page.wait_for_load_state()
    expect(page.locator("#step-heading")).to_contain_text("İşıqdan əvvəl")
