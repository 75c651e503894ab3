"""The demo's blank-first-attempt scenario in Chromium, at 375 and 1280 px (issue 12, point 1).

The demo assigns the Khojaly lesson with its package's settings: two attempts, full feedback
after submitting, the key after the due date. A student submits the quiz blank, reads the
result and starts again: the result says only that each question was left blank, names no
option and explains nothing, and the second attempt starts with nothing filled in. axe-core
finds nothing to fix on either page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from classroom.demo import DEMO_ACCOUNTS, DEMO_CLASS_NAME
from classroom.models import Assignment
from quizzes.models import Attempt, FeedbackLevel, FeedbackTiming, Question
from quizzes.types import registry
from tests.learning.test_feedback_release import explanations
from tests.learning.test_result_key_withheld import visible

STUDENT = next(a for a in DEMO_ACCOUNTS if a.username == "student2")


def key_texts(question: Question) -> set[str]:
    """What the right answer to a question is made of, in the words a page would use: the
    labels of what it picks (options, items, sentences, words), the values it gives
    (categories), its expected answers, and every explanation."""
    qt = registry.get(question.type)
    spec = qt.parse_spec(question.spec)
    public = qt.public_spec(spec)
    labels, values = qt.part_labels(public), qt.value_labels(public)
    texts = set(explanations(question))
    result = qt.grade(spec, qt.correct_response(spec))
    for part in result.parts:
        texts |= {label.text for label in labels.find(part.id)}
        if part.expected is not None:
            texts.add(qt.expected_text(public, part.expected))
    texts |= set(values.values())
    return {visible(text) for text in texts if len(visible(text)) > 3}


@pytest.mark.parametrize("width", [375, 1280])
def test_a_blank_first_attempt_gives_nothing_away(
    page, live_server, demo_data, login, assert_accessible, screenshot, width
):
    assignment = Assignment.objects.get(
        classroom__name=DEMO_CLASS_NAME, lesson__slug="khojaly-1992"
    )
    assert (assignment.attempts_allowed, assignment.feedback_level) == (2, FeedbackLevel.FULL)
    assert assignment.show_key == FeedbackTiming.AFTER_DUE
    page.set_viewport_size({"width": width, "height": 900})
    login(page, STUDENT.username, STUDENT.password)
    quiz_step = f"{live_server.url}/lessons/assignments/{assignment.pk}/steps/quiz/"
    page.goto(quiz_step)
    page.get_by_role("button", name="Start the quiz").click()
    page.wait_for_url(re.compile(r"/quizzes/attempts/\d+/$"))
    with page.expect_navigation():
        page.get_by_role("button", name="Submit quiz").click()
    page.wait_for_url(re.compile(r"/result/$"))

    first = Attempt.objects.get(assignment=assignment, kind=Attempt.Kind.QUIZ)
    questions = list(Question.objects.in_bulk(first.item_order).values())
    expect(page.locator("[data-score]")).to_contain_text("0 of")
    expect(page.locator("[data-tally]")).to_have_text(re.compile(rf"{len(questions)} left blank"))
    blocks = page.locator("div.feedback")
    expect(blocks).to_have_count(len(questions))
    assert set(blocks.all_inner_texts()) == {"You did not answer this question."}
    expect(page.locator(".feedback-parts")).to_have_count(0)
    feedback = visible(" ".join(blocks.all_inner_texts()))
    shown = visible(page.locator("main").text_content())  # answers folded away included
    assert "Answer:" not in shown
    for question in questions:
        for text in key_texts(question):
            assert text not in feedback, (question.key, text)
        for text in explanations(question):
            assert text not in shown, (question.key, text)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"blank-first-attempt-result-{width}")
    assert_accessible(page)

    page.goto(quiz_step)
    page.get_by_role("button", name="Try the quiz again").click()
    page.wait_for_url(re.compile(r"/quizzes/attempts/\d+/$"))
    second = Attempt.objects.get(assignment=assignment, kind=Attempt.Kind.QUIZ, number=2)
    assert page.url.endswith(f"/quizzes/attempts/{second.pk}/")
    expect(page.locator("input:checked")).to_have_count(0)
    expect(page.locator("div.feedback")).to_have_count(0)
    shown = visible(page.locator("main").text_content())
    assert "Answer:" not in shown
    for question in questions:
        for text in explanations(question):
            assert text not in shown, (question.key, text)
    screenshot(page, f"blank-first-attempt-second-{width}")
    assert_accessible(page)


TEACHER = next(a for a in DEMO_ACCOUNTS if a.username == "teacher")


@pytest.mark.parametrize("width", [375, 1280])
def test_the_teacher_chooses_what_students_see_and_when_the_key_comes(
    page, live_server, demo_data, login, assert_accessible, width
):
    assignment = Assignment.objects.get(
        classroom__name=DEMO_CLASS_NAME, lesson__slug="khojaly-1992"
    )
    page.set_viewport_size({"width": width, "height": 900})
    login(page, TEACHER.username, TEACHER.password)
    page.goto(
        f"{live_server.url}/classes/{assignment.classroom_id}/assignments/{assignment.pk}/edit/"
    )
    group = page.get_by_role("group", name="Feedback and the right answers")
    expect(group).to_be_visible()
    level = group.get_by_role("radio", name=re.compile("Full feedback on their own answers"))
    expect(level).to_be_checked()  # the package's default
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_accessible(page)

    # Keyboard only: from the checked level, the arrow keys move to the next one.
    level.focus()
    page.keyboard.press("ArrowUp")
    outcomes = group.get_by_role("radio", name=re.compile("which questions were right"))
    expect(outcomes).to_be_checked()
    group.get_by_label("When they see the right answers").select_option("never")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    assignment.refresh_from_db()
    assert (assignment.feedback_level, assignment.show_key) == (
        FeedbackLevel.OUTCOMES,
        FeedbackTiming.NEVER,
    )
