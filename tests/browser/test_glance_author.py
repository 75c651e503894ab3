"""The content author's home (issue 19, point 6) at phone and laptop widths: the lessons and
what to do next."""

import pytest

from classroom.demo import DEMO_ACCOUNTS
from tests.browser.glance import SIZES, glance  # noqa: F401

AUTHOR = next(a for a in DEMO_ACCOUNTS if a.username == "author")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: str(s["width"]))
def test_the_author_starts_on_their_lessons_and_next_steps(
    page,
    live_server,
    demo_data,
    login,
    glance,  # noqa: F811
    size,
):
    page.set_viewport_size(size)
    login(page, AUTHOR.username, AUTHOR.password)
    page.goto(f"{live_server.url}/")
    assert page.get_by_role("heading", name="What to do next").is_visible()
    lessons = page.locator("[data-author-lessons] > li")
    assert lessons.count() >= 1
    assert "Next:" in lessons.first.inner_text()
    glance("author-home")
    lessons.first.get_by_role("link", name="Edit the lesson").click()
    page.wait_for_url("**/admin/lessons/lesson/*/change/")
