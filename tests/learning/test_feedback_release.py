"""Feedback and key are two releases (issue 12, point 1), on the demo's own settings for the
Khojaly lesson: two attempts, full feedback after submitting, the key after the due date.

Finding 1 of the December 2026 walk: a blank first attempt showed every option to choose and
took a student from 0/10 to 9.667/10 on the second. Here a blank first attempt shows only that
each question was left blank, the second attempt starts with nothing filled in and nothing
explained, and the key comes once the student's own window has closed. The teacher still sees
everything."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from classroom.models import Assignment, Extension
from learning.selectors.result import attempt_result_page
from quizzes import services
from quizzes.models import Attempt, FeedbackLevel, FeedbackTiming, Question
from tests.learning.test_result_key_withheld import FeedbackText, feedback_blocks, visible

pytestmark = pytest.mark.django_db

EXPLAINED = ("feedback", "explanation", "feedback_true", "feedback_false")


def explanations(question: Question) -> set[str]:
    """Every explanation an author wrote for a question: its own notes and its parts'."""
    found = {text for text in (question.feedback or {}).values() if text}

    def walk(value, name=""):
        if isinstance(value, dict):
            for key, child in value.items():
                walk(child, key)
        elif isinstance(value, list):
            for child in value:
                walk(child, name)
        elif isinstance(value, str) and name in EXPLAINED and value.strip():
            found.add(value)

    walk(question.spec)
    return {visible(text) for text in found}


def quiz_questions(attempt: Attempt) -> list[Question]:
    questions = Question.objects.in_bulk(attempt.item_order)
    return [questions[pk] for pk in attempt.item_order]


def start(student, assignment) -> Attempt:
    return services.attempt_start(student=student, lesson=assignment.lesson, assignment=assignment)


def page_of(client, url: str) -> tuple[str, FeedbackText]:
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    parsed = FeedbackText()
    parsed.feed(html)
    return html, parsed


def result_of(client, attempt) -> tuple[str, FeedbackText]:
    return page_of(client, reverse("learning:attempt_result", args=[attempt.pk]))


@pytest.fixture
def demo(khojaly_assignment):
    """The demo's settings for the lesson, as the package gives them."""
    assignment = khojaly_assignment
    assert (assignment.attempts_allowed, assignment.feedback_level) == (2, FeedbackLevel.FULL)
    assert (assignment.show_feedback, assignment.show_key) == (
        FeedbackTiming.AFTER_SUBMIT,
        FeedbackTiming.AFTER_DUE,
    )
    return assignment


@pytest.fixture
def blank_first(client, student, demo) -> Attempt:
    client.force_login(student)
    return services.attempt_submit(attempt=start(student, demo))


def test_a_blank_first_attempt_shows_only_that_each_question_was_left_blank(client, blank_first):
    html, parsed = result_of(client, blank_first)
    questions = quiz_questions(blank_first)
    assert feedback_blocks(html) == ["You did not answer this question."] * len(questions)
    page = visible("".join(parsed.page))
    assert f"{len(questions)} left blank" in page
    assert "Answer:" not in page
    for question in questions:
        for explanation in explanations(question):
            assert explanation not in page, (question.key, explanation)


def test_the_second_attempt_starts_with_nothing_filled_in_and_nothing_explained(
    client, student, demo, blank_first
):
    second = start(student, demo)
    assert second.number == 2
    html, parsed = page_of(client, reverse("learning:attempt_take", args=[second.pk]))
    assert not re.search(r"<input[^>]*\bchecked\b", html)  # no choice ticked, no radio on
    answers = html.split("<main", 1)[1]  # the header's language switcher selects a language
    assert not re.search(r'<option value="[^"]+"[^>]*\bselected\b', answers)
    assert feedback_blocks(html) == []
    page = visible("".join(parsed.page))
    for question in quiz_questions(second):
        for explanation in explanations(question):
            assert explanation not in page, (question.key, explanation)
    step, _parsed = page_of(client, reverse("learning:step", args=[demo.pk, "quiz"]))
    assert "Answer:" not in step


def test_own_picks_are_marked_and_the_options_not_picked_are_not_named(client, student, demo):
    client.force_login(student)
    attempt = start(student, demo)
    question = next(q for q in quiz_questions(attempt) if q.type == "single_choice")
    choices = question.spec["choices"]
    picked = next(c for c in choices if not c["correct"])
    services.response_save(attempt=attempt, question_id=question.pk, data={"choice": picked["id"]})
    services.attempt_submit(attempt=attempt)
    html, _parsed = result_of(client, attempt)
    [block] = feedback_blocks(html, within=f'id="{question.uid}-')
    assert visible(picked["text"]) in html  # the student's own answer is shown back
    for choice in choices:
        if choice is not picked:
            assert visible(choice["text"]) not in block, choice["id"]


def test_the_outcome_level_tells_each_question_apart_and_names_nothing(client, student, demo):
    Assignment.objects.filter(pk=demo.pk).update(feedback_level=FeedbackLevel.OUTCOMES)
    client.force_login(student)
    attempt = start(student, demo)
    question = next(q for q in quiz_questions(attempt) if q.type == "single_choice")
    wrong = next(c["id"] for c in question.spec["choices"] if not c["correct"])
    services.response_save(attempt=attempt, question_id=question.pk, data={"choice": wrong})
    services.attempt_submit(attempt=attempt)
    html, _parsed = result_of(client, attempt)
    assert 'data-verdict="wrong"' in html and 'data-verdict="blank"' in html
    assert 'class="feedback-parts"' not in html


def test_the_score_level_shows_the_score_only(client, blank_first):
    Assignment.objects.filter(pk=blank_first.assignment_id).update(
        feedback_level=FeedbackLevel.SCORE
    )
    html, _parsed = result_of(client, blank_first)
    assert "data-score" in html
    assert "data-verdict" not in html and feedback_blocks(html) == []


def test_the_key_comes_once_the_students_own_window_closes(student, demo, blank_first):
    now = timezone.now()
    past_due = now + timedelta(days=8)  # the class's due date has passed
    assert attempt_result_page(attempt=blank_first, now=past_due).review.key
    # Late work is still taken: the key waits, or it would help a late attempt.
    Assignment.objects.filter(pk=demo.pk).update(late_until=now + timedelta(days=9))
    blank_first.assignment.refresh_from_db()
    assert not attempt_result_page(attempt=blank_first, now=past_due).review.key
    Assignment.objects.filter(pk=demo.pk).update(late_until=None)
    # So does an extension of this student's due date.
    Extension.objects.create(assignment=demo, student=student, due_at=now + timedelta(days=10))
    blank_first.assignment.refresh_from_db()
    page = attempt_result_page(attempt=blank_first, now=past_due)
    assert page.review.details and not page.review.key
    assert attempt_result_page(attempt=blank_first, now=now + timedelta(days=11)).review.key


def test_with_the_key_released_the_student_reads_the_expected_answers(client, demo, blank_first):
    Assignment.objects.filter(pk=demo.pk).update(show_key=FeedbackTiming.AFTER_SUBMIT)
    html, _parsed = result_of(client, blank_first)
    assert "Answer:" in html


def test_the_teacher_still_sees_the_key_of_a_blank_attempt(client, teacher, student, blank_first):
    client.force_login(teacher)
    assignment = blank_first.assignment
    response = client.get(
        reverse(
            "classroom:student_work",
            args=[assignment.classroom_id, assignment.pk, student.pk],
        )
    )
    assert response.status_code == 200
    assert "Answer:" in response.content.decode()


def test_the_dashboard_releases_a_score_after_the_due_date_when_the_result_page_does(
    student, demo, blank_first
):
    """Feedback "after the due date" comes for the student when their own window closes,
    on the dashboard as on the result page."""
    from learning.selectors.dashboard import assignments_for_dashboard

    Assignment.objects.filter(pk=demo.pk).update(show_feedback=FeedbackTiming.AFTER_DUE)
    now = timezone.now()
    Extension.objects.create(assignment=demo, student=student, due_at=now + timedelta(days=10))
    blank_first.assignment.refresh_from_db()
    for when, released in [(now + timedelta(days=8), False), (now + timedelta(days=11), True)]:
        [row] = assignments_for_dashboard(student=student, now=when)
        assert row.score_pending is not released
        assert attempt_result_page(attempt=blank_first, now=when).review.score is released
