"""A timed attempt abandoned half-way closes at its deadline without the student coming back.

In Chromium: a student starts the demo quiz (ten minutes to answer), answers two questions
right, saves and closes the browser. An hour passes (the attempt's times are moved back in the
database: no sleeping). The teacher opens the class's progress grid: the student's cell shows a
score, not "In progress"; her work page says the attempt was submitted automatically at its
deadline, ten minutes after it started, with the two saved answers scored. axe-core finds
nothing to fix at 375 and 1280 px."""

from __future__ import annotations

import re
from datetime import timedelta

from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from classroom.demo import DEMO_ACCOUNTS, DEMO_CLASS_NAME
from classroom.models import Assignment
from quizzes.models import Attempt, Question, Response

from .student_answers import fill, right

STUDENT = next(a for a in DEMO_ACCOUNTS if a.username == "student1")
TEACHER = next(a for a in DEMO_ACCOUNTS if a.username == "teacher")
CHOICES = ("single_choice", "true_false")


def abandon_half_way(browser, live_server, login, assignment) -> Attempt:
    """The student's own browser: start, answer two items right, save, close the window."""
    context = browser.new_context()
    page = context.new_page()
    login(page, STUDENT.username, STUDENT.password)
    page.goto(f"{live_server.url}/lessons/assignments/{assignment.pk}/steps/quiz/")
    page.get_by_role("button", name=re.compile("Start the quiz")).click()
    page.wait_for_url(re.compile(r"/quizzes/attempts/\d+/$"))
    attempt = Attempt.objects.get(
        assignment=assignment, student__username=STUDENT.username, kind=Attempt.Kind.QUIZ
    )
    questions = Question.objects.in_bulk(attempt.item_order)
    answered = [questions[pk] for pk in attempt.item_order if questions[pk].type in CHOICES][:2]
    for question in answered:
        fill(page, question, right(question))
    with page.expect_navigation():
        page.get_by_role("button", name="Save answers").last.click()
    expect(page.get_by_text("Your answers were saved.")).to_be_visible()
    context.close()  # the student leaves and never comes back
    assert Response.objects.filter(attempt=attempt).count() == len(answered)
    return attempt


def let_an_hour_pass(attempt: Attempt) -> None:
    hour = timedelta(hours=1)
    Attempt.objects.filter(pk=attempt.pk).update(
        started_at=attempt.started_at - hour, deadline=attempt.deadline - hour
    )
    for response in Response.objects.filter(attempt=attempt):
        Response.objects.filter(pk=response.pk).update(updated_at=response.updated_at - hour)


def test_an_abandoned_timed_attempt_shows_as_submitted_at_its_deadline(
    page, browser, live_server, demo_data, login, assert_accessible, screenshot
):
    assignment = Assignment.objects.get(
        classroom__name=DEMO_CLASS_NAME, lesson__slug="khojaly-1992"
    )
    Assignment.objects.filter(pk=assignment.pk).update(time_limit_minutes=10)
    attempt = abandon_half_way(browser, live_server, login, assignment)
    assert attempt.deadline == attempt.started_at + timedelta(minutes=10)
    let_an_hour_pass(attempt)
    attempt.refresh_from_db()
    assert attempt.is_open  # nobody has looked yet

    login(page, TEACHER.username, TEACHER.password)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/classes/{assignment.classroom_id}/")
        row = page.locator("[data-progress-grid] tbody tr", has_text=STUDENT.display_name)
        expect(row).not_to_contain_text("In progress")
        expect(row).to_contain_text(re.compile(r"\d+%"))
        screenshot(page, f"overdue-grid-{width}")
        assert_accessible(page)

    attempt.refresh_from_db()
    deadline = attempt.started_at + timedelta(minutes=10)
    assert attempt.status == Attempt.Status.SUBMITTED
    assert attempt.submitted_at == deadline
    assert attempt.auto_submitted
    assert attempt.points_earned > 0

    page.set_viewport_size({"width": 1280, "height": 900})
    row.get_by_role("link").first.click()
    page.wait_for_url(re.compile(r"/students/\d+/"))
    submitted = page.locator("dt", has_text="Submitted").locator("xpath=following-sibling::dd[1]")
    expect(submitted).to_contain_text(date_format(timezone.localtime(deadline), "DATETIME_FORMAT"))
    expect(submitted).to_contain_text("automatically")
    expect(page.locator("[data-time-spent]")).to_contain_text("10")
    expect(page.locator("[data-attempt-score]")).to_contain_text(
        f"{attempt.points_earned.normalize():f} / {attempt.points_possible.normalize():f}"
    )
    screenshot(page, "overdue-student-work-1280")
    assert_accessible(page)
    page.set_viewport_size({"width": 375, "height": 900})
    assert_accessible(page)
