from classroom.demo import DEMO_ACCOUNTS

TEACHER = next(a for a in DEMO_ACCOUNTS if a.username == "teacher")
STUDENT = next(a for a in DEMO_ACCOUNTS if a.username == "student1")


def test_demo_teacher_logs_in_with_a_real_browser(
    page, live_server, demo_data, login, screenshot, assert_accessible
):
    page.goto(f"{live_server.url}/accounts/login/")
    assert_accessible(page)

    login(page, TEACHER.username, TEACHER.password)

    # Home sends a teacher to their classes.
    assert page.get_by_role("heading", level=1).inner_text() == "My classes"
    assert page.get_by_role("link", name="My classes").is_visible()
    screenshot(page, "teacher-home")
    assert_accessible(page)


def test_demo_student_logs_in_on_a_phone_sized_screen(
    page, live_server, demo_data, login, screenshot
):
    page.set_viewport_size({"width": 360, "height": 740})
    login(page, STUDENT.username, STUDENT.password)

    page.get_by_role("button", name="Toggle navigation").click()
    assert page.get_by_role("link", name="My lessons").is_visible()
    # Nothing wider than the screen: no horizontal scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "student-home-360")


def test_skip_link_is_the_first_stop_and_moves_focus_to_main(page, demo_data, login):
    login(page, STUDENT.username, STUDENT.password)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_first_page_loads_every_asset_and_logs_no_console_error(page, live_server):
    """A fresh browser on the first page: the icon, styles and scripts all load (no 404 for
    /favicon.ico, which browsers ask for on their own) and the console stays clean."""
    errors, failed = [], []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("response", lambda r: failed.append((r.status, r.url)) if r.status >= 400 else None)
    page.goto(f"{live_server.url}/accounts/login/")
    page.wait_for_load_state("networkidle")
    icon = page.evaluate("fetch(document.querySelector('link[rel=icon]').href).then(r => r.status)")
    assert icon == 200
    assert page.request.get(f"{live_server.url}/favicon.ico").status == 200
    assert failed == []
    assert errors == []
