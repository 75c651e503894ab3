"""The result page on a phone, in Chromium: a student takes the Khojaly quiz with one answer
right, one wrong and the rest left blank, submits, and reads which is which in words and
symbols, the score in points and as a percentage; axe-core finds nothing to fix at 375 px."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from classroom.demo import DEMO_ACCOUNTS, DEMO_CLASS_NAME
from classroom.models import Assignment
from quizzes.models import Attempt, Question

from .student_answers import fill, right, wrong

STUDENT = next(a for a in DEMO_ACCOUNTS if a.username == "student1")
PHONE = {"width": 375, "height": 800}
CHOICES = ("single_choice", "true_false")


def card(page, question: Question):
    """The result card of a question: the one holding its (disabled) controls."""
    return page.locator("li.card").filter(has=page.locator(f'[id^="{question.uid}-"]'))


def test_a_phone_shows_right_wrong_and_blank_apart_with_the_score_as_a_percentage(
    page, live_server, demo_data, login, assert_accessible, screenshot
):
    assignment = Assignment.objects.get(
        classroom__name=DEMO_CLASS_NAME, lesson__slug="khojaly-1992"
    )
    page.set_viewport_size(PHONE)
    login(page, STUDENT.username, STUDENT.password)
    page.goto(f"{live_server.url}/lessons/assignments/{assignment.pk}/steps/quiz/")
    page.get_by_role("button", name=re.compile("Start the quiz")).click()
    page.wait_for_url(re.compile(r"/quizzes/attempts/\d+/$"))
    attempt = Attempt.objects.get(assignment=assignment, kind=Attempt.Kind.QUIZ)
    questions = Question.objects.in_bulk(attempt.item_order)
    items = [questions[pk] for pk in attempt.item_order]
    answered_right, answered_wrong = [q for q in items if q.type in CHOICES][:2]
    left_blank = next(q for q in items if q not in (answered_right, answered_wrong))

    fill(page, answered_right, right(answered_right))
    fill(page, answered_wrong, wrong(answered_wrong))
    with page.expect_navigation():
        page.get_by_role("button", name="Submit quiz").click()
    page.wait_for_url(re.compile(r"/result/$"))

    attempt.refresh_from_db()
    earned = attempt.points_earned.normalize()
    possible = attempt.points_possible.normalize()
    percent = round(attempt.points_earned * 100 / attempt.points_possible)
    expect(page.locator("[data-score]")).to_contain_text(f"{earned:f} of {possible:f} points")
    expect(page.locator("[data-percent]")).to_have_text(f"({percent}%)")
    for question, words, symbol in [
        (answered_right, "Right", "✓"),
        (answered_wrong, "Wrong", "✗"),
        (left_blank, "Left blank", "○"),
    ]:
        verdict = card(page, question).locator("h2 [data-verdict]")
        expect(verdict).to_contain_text(words)
        expect(verdict.locator(".verdict-icon")).to_have_text(symbol)
    tally = page.locator("[data-tally]")
    expect(tally).to_contain_text("1 right")
    expect(tally).to_contain_text("1 wrong")
    expect(tally).to_contain_text(f"{len(items) - 2} left blank")

    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "student-result-375")
    assert_accessible(page)
