"""A content author imports a lesson package in the browser, at phone and laptop widths: the
mistakes listed as file:line, then the lesson created; axe clean on both pages."""

import pytest

from authoring.package.files import package_files_read, package_files_to_zip
from classroom.demo import DEMO_ACCOUNTS
from tests.browser.glance import SIZES
from tests.conftest import EXAMPLE_PACKAGE

AUTHOR = next(a for a in DEMO_ACCOUNTS if a.username == "author")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: str(s["width"]))
def test_an_author_fixes_a_package_shown_with_its_mistakes_and_imports_it(
    page, live_server, demo_data, login, assert_accessible, tmp_path, size
):
    files = package_files_read(EXAMPLE_PACKAGE)
    good = tmp_path / "lesson.zip"
    good.write_bytes(package_files_to_zip(files))
    text = files["lesson.yaml"].decode().replace("points: 2", "points: many", 1)
    bad = tmp_path / "broken.zip"
    bad.write_bytes(package_files_to_zip({**files, "lesson.yaml": text.encode()}))
    page.set_viewport_size(size)
    login(page, AUTHOR.username, AUTHOR.password)

    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Import a lesson package (zip)").click()
    page.get_by_label("Lesson package (zip)").set_input_files(str(bad))
    page.get_by_role("button", name="Import").focus()
    page.keyboard.press("Enter")

    alert = page.get_by_role("alert")
    assert "Nothing was imported: the package has one mistake" in alert.inner_text()
    assert alert.locator("li").first.inner_text().startswith("lesson.yaml:")
    assert_accessible(page)

    page.get_by_label("Lesson package (zip)").set_input_files(str(good))
    page.get_by_role("button", name="Import").click()

    assert "“millbrook-bridge-1911” was created" in page.get_by_role("status").inner_text()
    assert_accessible(page)
