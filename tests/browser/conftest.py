"""Playwright drives Debian's Chromium (Playwright cannot download its own browser here).

These tests run in their own pytest invocation with DJANGO_ALLOW_ASYNC_UNSAFE=true, because
Playwright's event loop runs in the test thread (see `make test-browser`)."""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


HERE = Path(__file__).resolve().parent


# `make test-browser` runs two pytest-xdist workers. They would run both student flows one
# after the other in one worker, as pytest-xdist sends consecutive tests in twos, so these
# come first, in this order: the first two go to one worker (~85 s on this 2-core machine),
# the next two to the other (~70 s), and the short tests fill in. (--dist loadgroup would say
# this better, but it groups nothing with pytest 9.2: pytest-xdist issue #1386.) A test
# missing here (renamed) only loses its place.
FIRST = (
    # The longest first, so that the two workers end together.
    "test_a_teacher_builds_publishes_and_assigns_a_lesson_that_a_student_takes[chromium]",
    "test_every_authoring_page_is_accessible_on_a_phone_and_a_laptop[chromium-teacher]",
    "test_every_authoring_page_is_accessible_on_a_phone_and_a_laptop[chromium-author]",
    "test_a_new_student_joins_and_completes_the_khojaly_lesson[chromium-no-javascript]",
    "test_the_teacher_runs_a_class_from_roster_to_gradebook[chromium]",
    "test_a_new_student_joins_and_completes_the_khojaly_lesson[chromium-javascript]",
    "test_student_pages_fit_phones_and_laptops[chromium-375]",
    "test_student_pages_fit_phones_and_laptops[chromium-1280]",
)


def pytest_collection_modifyitems(items):
    # This hook sees every collected test, not only this folder's.
    slots = []
    for index, item in enumerate(items):
        if HERE in Path(item.fspath).resolve().parents:
            item.add_marker(pytest.mark.browser)
            slots.append(index)
    # The browser tests change places among themselves (stable); every other test stays put.
    ordered = sorted(
        (items[index] for index in slots),
        key=lambda item: FIRST.index(item.name) if item.name in FIRST else len(FIRST),
    )
    for index, item in zip(slots, ordered, strict=True):
        items[index] = item


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """Every context asks for reduced motion, as many students' devices do. Bootstrap then turns
    off smooth scrolling, so an element is not still sliding when Playwright clicks it: with
    smooth scrolling on a busy machine each click waited up to 2 s for the element to stand
    still. Nothing the tests assert depends on motion."""
    return {**browser_context_args, "reduced_motion": "reduce"}


@pytest.fixture
def demo_data(transactional_db):
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture
def screenshot():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def assert_accessible(axe):
    """Run axe-core (bundled with axe-playwright-python, served from disk) on the page."""

    def check(page) -> None:
        # A click that navigates can leave the new document still parsing; axe on a
        # half-built page finds no <main> and no <h1>.
        page.wait_for_load_state("load")
        results = axe.run(page)
        assert results.violations_count == 0, results.generate_report()

    return check


@pytest.fixture
def login(live_server):
    def do(page, username: str, password: str) -> None:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        # Home, or where home sends the role (students: their dashboard); not the login page.
        page.wait_for_url(lambda url: url.startswith(live_server.url) and "/login/" not in url)
        page.wait_for_load_state()

    return do
