"""Checks every "at a glance" browser test makes on each page it visits (issue 19): nothing
scrolls sideways at phone width, axe finds nothing, the console stays clean; and a screenshot
for people to look at."""

import pytest

SIZES = [{"width": 375, "height": 812}, {"width": 1280, "height": 800}]


@pytest.fixture
def glance(page, assert_accessible, screenshot):
    """glance(name): check the page as it is now and save `<name>-<width>.png`."""
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))

    def check(name: str) -> None:
        width = page.viewport_size["width"]
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"{name}: {scroll} px wide at {width} px: {too_wide(page)}"
        screenshot(page, f"{name}-{width}")
        assert_accessible(page)
        assert not errors, f"{name}: console errors {errors}"

    return check


def too_wide(page) -> list[str]:
    """The innermost elements that reach past the right edge of the window (for the message)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
            .filter(e => ![...e.children].some(
                c => c.getBoundingClientRect().right > window.innerWidth + 1))
            .slice(0, 8)
            .map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.')
                 + ' ' + Math.round(e.getBoundingClientRect().right))"""
    )
