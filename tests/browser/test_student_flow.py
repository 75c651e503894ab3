"""A student on the demo data, in a real Chromium: joins a class with its code, works through
every step of the Khojaly lesson (a wrong answer first, then the right one, reading the
feedback each time), reloads in the middle of the quiz and finds every answer, submits and
sees the score. The same core flow runs again with JavaScript switched off. axe-core checks
every page visited; screenshots at phone and laptop widths go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from classroom.demo import DEMO_ACCOUNTS, DEMO_CLASS_NAME
from classroom.models import Assignment, Classroom
from lessons.models import Lesson
from quizzes.models import Attempt, Question, Response, Score

from .student_answers import by_id, fill, form_state, right, wrong

KHOJALY = "khojaly-1992"
STUDENT = next(a for a in DEMO_ACCOUNTS if a.username == "student1")
OTHER_STUDENT = next(a for a in DEMO_ACCOUNTS if a.username == "student2")
PHONE = {"width": 375, "height": 800}
LAPTOP = {"width": 1280, "height": 900}


def khojaly_assignment() -> Assignment:
    return Assignment.objects.select_related("lesson").get(
        classroom__name=DEMO_CLASS_NAME, lesson__slug=KHOJALY
    )


def activities(lesson: Lesson, kind: str) -> list[Question]:
    return list(
        Question.objects.filter(lesson=lesson, step__kind=kind, is_current=True).order_by(
            "position"
        )
    )


def quiz_items(attempt: Attempt) -> list[Question]:
    questions = Question.objects.in_bulk(attempt.item_order)
    return [questions[pk] for pk in attempt.item_order]


def feedback_of(page, question: Question):
    return page.locator(f'[id="feedback-{question.uid}"] .feedback')


def check(page, question: Question, *, js: bool):
    button = page.locator(f'button[name="check"][value="{question.pk}"]')
    if js:
        with page.expect_response(re.compile(r"/activities/\d+/check/")):
            button.click()
    else:
        with page.expect_navigation():
            button.click()
    return feedback_of(page, question)


def do_activity(page, question: Question, *, js: bool) -> None:
    """Wrong first (feedback says so), then right (feedback says correct)."""
    fill(page, question, wrong(question))
    feedback = check(page, question, js=js)
    expect(feedback).to_be_visible()
    expect(feedback.locator(".feedback-verdict")).not_to_contain_text("Correct!")
    expect(feedback.locator(".feedback-verdict")).to_contain_text("Try 1")
    fill(page, question, right(question))
    feedback = check(page, question, js=js)
    expect(feedback.locator(".feedback-verdict")).to_contain_text("Correct!")
    expect(feedback.locator(".feedback-verdict")).to_contain_text("Try 2")


def wait_until_saved(page, count: int | None = None) -> None:
    statuses = page.locator("[data-autosave-status][data-state]")
    if count is not None:
        expect(statuses).to_have_count(count)
    for index in range(statuses.count()):
        expect(statuses.nth(index)).to_have_attribute("data-state", "saved")


def join_with_code(page, live_server, username: str) -> None:
    code = Classroom.objects.get(name=DEMO_CLASS_NAME).join_code
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="Join your class with a code").click()
    page.get_by_label("Class code").fill(code.lower())
    page.get_by_label("Choose a username").fill(username)
    page.get_by_label("Choose a password").fill("river-bridge-1911")
    page.get_by_label("Type the password again").fill("river-bridge-1911")
    page.get_by_role("button", name="Create my account and join").click()
    page.wait_for_url(f"{live_server.url}/lessons/")


def work_through_lesson(page, live_server, assignment, check_page, *, js: bool):
    """Every step in order, every activity wrong then right; the quiz with a reload halfway."""
    lesson = assignment.lesson
    steps = list(lesson.steps.order_by("position"))
    for number, step in enumerate(steps, start=1):
        expect(page.locator('[aria-current="step"]:visible')).to_contain_text(
            step.get_kind_display()
        )
        expect(page.get_by_role("heading", level=1)).to_contain_text(f"Step {number} of")
        if step.kind == "quiz":
            take_quiz(page, live_server, assignment, check_page, js=js)
        for question in [] if step.kind == "quiz" else activities(lesson, step.kind):
            if question.type == "free_text":
                by_id(page, f"{question.uid}-text").fill(
                    "The text is good evidence of how the event is remembered in Azerbaijan. "
                    "Its death toll and its claims about who was responsible need checking "
                    "against independent investigations such as Human Rights Watch and "
                    "Memorial, and its label against the law."
                )
                if js:
                    wait_until_saved(page)
                else:
                    # One form per step: any of its save buttons saves every answer.
                    with page.expect_navigation():
                        page.get_by_role("button", name="Save my answer").first.click()
                continue
            do_activity(page, question, js=js)
        check_page(page)  # with every activity's feedback shown
        if number < len(steps):
            with page.expect_navigation():
                page.get_by_role("button", name=re.compile(r"^Next")).click()


def take_quiz(page, live_server, assignment, check_page, *, js: bool):
    page.get_by_role("button", name="Start the quiz").click()
    page.wait_for_url(re.compile(r"/quizzes/attempts/\d+/$"))
    check_page(page)
    attempt = Attempt.objects.get(
        assignment=assignment, kind=Attempt.Kind.QUIZ, status=Attempt.Status.IN_PROGRESS
    )
    items = quiz_items(attempt)
    half = len(items) // 2
    for question in items[:half]:
        fill(page, question, right(question))
    if js:
        wait_until_saved(page, count=half)
    else:
        with page.expect_navigation():
            page.get_by_role("button", name="Save answers", exact=True).last.click()
    before = form_state(page, "form.quiz-form")
    page.reload()
    assert form_state(page, "form.quiz-form") == before
    assert Response.objects.filter(attempt=attempt).count() == half
    for question in items[half:]:
        fill(page, question, right(question))
    if js:
        wait_until_saved(page, count=len(items) - half)  # the page was reloaded
    with page.expect_navigation():
        page.get_by_role("button", name="Submit quiz").click()
    expect(page.locator("[data-score]")).to_be_visible()
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED
    assert attempt.points_earned == attempt.points_possible
    expect(page.locator("[data-score]")).to_contain_text(
        f"{attempt.points_earned.normalize():f} of {attempt.points_possible.normalize():f} points"
    )
    check_page(page)
    page.get_by_role("link", name="Back to the lesson").first.click()
    expect(page.locator("[data-quiz-score]")).to_be_visible()


@pytest.mark.parametrize("js", [True, False], ids=["javascript", "no-javascript"])
def test_a_new_student_joins_and_completes_the_khojaly_lesson(
    new_context, live_server, demo_data, assert_accessible, screenshot, js
):
    context = new_context(java_script_enabled=js, viewport=LAPTOP)
    page = context.new_page()
    page.set_default_timeout(15_000)
    blocked = []  # anything the Content-Security-Policy refused (inline script or style...)
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    checker = {}

    def check_page(visited) -> None:
        """axe-core runs in the page, so without JavaScript it checks the same URL in a
        JavaScript-enabled twin of the student's session (the server sends the same HTML)."""
        if js:
            assert_accessible(visited)
            return
        if "twin" not in checker:
            checker["context"] = new_context(storage_state=context.storage_state(), viewport=LAPTOP)
            checker["twin"] = checker["context"].new_page()
        checker["twin"].goto(visited.url)
        assert_accessible(checker["twin"])

    username = "new.student" if js else "nojs.student"
    join_with_code(page, live_server, username)
    check_page(page)
    assignment = khojaly_assignment()
    card = page.locator(f'[data-assignment="{assignment.pk}"]')
    expect(card.locator("[data-status]")).to_have_text("Not started")
    card.get_by_role("link", name=re.compile("Start the lesson")).click()

    work_through_lesson(page, live_server, assignment, check_page, js=js)

    page.get_by_role("link", name="My lessons", exact=True).first.click()
    card = page.locator(f'[data-assignment="{assignment.pk}"]')
    expect(card.locator("[data-status]")).to_have_text("Submitted")
    expect(card.locator("[data-score]")).to_be_visible()
    check_page(page)
    page.get_by_role("link", name="My skills").click()
    check_page(page)
    expect(page.locator('[data-skill="corroboration"]')).to_contain_text("%")

    student = Attempt.objects.filter(student__username=username)
    first_tries = Score.objects.filter(attempt__in=student, origin=Score.Origin.CHECK, try_number=1)
    assert first_tries.exists()
    assert not first_tries.filter(state="correct").exists()  # every first try was wrong
    assert not blocked, blocked
    if "context" in checker:
        checker["context"].close()
    context.close()


def test_one_activity_by_keyboard_alone(page, live_server, demo_data, login, assert_accessible):
    """Select the sentences of the perspective step's first sentence-selection activity with
    Tab and Space, check with Enter, and read the feedback."""
    assignment = khojaly_assignment()
    question = next(
        q
        for q in activities(assignment.lesson, "perspective")
        + activities(assignment.lesson, "close_reading")
        if q.type == "select" and q.spec["unit"] == "sentence"
    )
    login(page, STUDENT.username, STUDENT.password)
    page.goto(f"{live_server.url}/lessons/assignments/{assignment.pk}/steps/{question.step.kind}/")
    wanted = {f"{question.uid}-{option}" for option in right(question)["selected"]}
    check_button = f"check-{question.pk}"

    page.evaluate("document.activeElement.blur()")
    ticked: set[str] = set()
    for _ in range(600):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "({id: document.activeElement.id, name: document.activeElement.name,"
            " value: document.activeElement.value})"
        )
        if focused["id"] in wanted and focused["id"] not in ticked:
            page.keyboard.press("Space")
            ticked.add(focused["id"])
        if focused["name"] == "check" and focused["value"] == str(question.pk):
            assert ticked == wanted
            with page.expect_response(re.compile(r"/check/")):
                page.keyboard.press("Enter")
            break
    else:
        raise AssertionError(f"never reached {check_button} by keyboard")
    feedback = feedback_of(page, question)
    expect(feedback.locator(".feedback-verdict")).to_contain_text("Correct!")
    # Focus stayed on the button: the student goes on from where they were.
    assert page.evaluate("document.activeElement.name") == "check"
    assert_accessible(page)


def test_autosave_says_when_saving_fails_keeps_the_answer_and_retries(
    new_context, live_server, demo_data, login
):
    context = new_context(viewport=LAPTOP)
    page = context.new_page()
    login(page, STUDENT.username, STUDENT.password)
    assignment = khojaly_assignment()
    question = next(
        q for q in activities(assignment.lesson, "sourcing") if q.type == "single_choice"
    )
    page.goto(f"{live_server.url}/lessons/assignments/{assignment.pk}/steps/sourcing/")
    status = page.locator(f'[id="activity-{question.uid}"] [data-autosave-status]')

    context.set_offline(True)
    fill(page, question, right(question))
    expect(status).to_have_attribute("data-state", "offline")
    expect(status).to_contain_text("Not saved yet")
    assert not Response.objects.filter(question=question).exists()

    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(status).to_have_attribute("data-state", "saved", timeout=15_000)
    page.reload()
    assert by_id(page, f"{question.uid}-{right(question)['choice']}").is_checked()
    context.close()


def test_the_countdown_agrees_with_the_server_and_submits_at_zero(
    page, live_server, demo_data, login, assert_accessible
):
    assignment = khojaly_assignment()
    Assignment.objects.filter(pk=assignment.pk).update(time_limit_minutes=30)
    login(page, STUDENT.username, STUDENT.password)
    page.goto(f"{live_server.url}/lessons/assignments/{assignment.pk}/steps/quiz/")
    page.get_by_role("button", name="Start the quiz").click()
    page.wait_for_url(re.compile(r"/quizzes/attempts/\d+/$"))
    attempt = Attempt.objects.get(assignment=assignment, kind=Attempt.Kind.QUIZ)
    timer = page.locator("[data-countdown]")
    server_left = (attempt.deadline - timezone.now()).total_seconds()
    shown = int(timer.get_attribute("data-seconds-left"))
    assert abs(shown - server_left) <= 3, (shown, server_left)
    assert 29 * 60 <= shown <= 30 * 60
    assert_accessible(page)

    # Bring the deadline close, as if 29 minutes and 54 seconds had passed.
    question = quiz_items(attempt)[0]
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() + timedelta(seconds=6))
    page.reload()
    fill(page, question, right(question))
    page.wait_for_url(re.compile(r"/result/$"), timeout=20_000)
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED
    assert Response.objects.filter(attempt=attempt, question=question).exists()


PAGES = [
    ("dashboard", "/lessons/"),
    ("context", "/lessons/assignments/{a}/steps/context/"),
    ("close-reading", "/lessons/assignments/{a}/steps/close_reading/"),
    ("perspective", "/lessons/assignments/{a}/steps/perspective/"),
    ("fact-interpretation", "/lessons/assignments/{a}/steps/fact_interpretation/"),
    ("corroboration", "/lessons/assignments/{a}/steps/corroboration/"),
    ("quiz-step", "/lessons/assignments/{a}/steps/quiz/"),
    ("skills", "/lessons/skills/"),
]


@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["375", "1280"])
def test_student_pages_fit_phones_and_laptops(
    page, live_server, demo_data, login, screenshot, assert_accessible, size
):
    page.set_viewport_size(size)
    login(page, STUDENT.username, STUDENT.password)
    assignment = khojaly_assignment()
    for name, path in PAGES:
        page.goto(live_server.url + path.format(a=assignment.pk))
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"], name
        screenshot(page, f"student-{name}-{size['width']}")
        assert_accessible(page)
    page.goto(f"{live_server.url}/lessons/assignments/{assignment.pk}/steps/quiz/")
    page.get_by_role("button", name=re.compile("Start the quiz|Continue the quiz")).click()
    page.wait_for_url(re.compile(r"/quizzes/attempts/\d+/$"))
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    screenshot(page, f"student-quiz-{size['width']}")
    assert_accessible(page)
