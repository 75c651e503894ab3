"""The quiz as a student sees it around the lesson: the countdown's starting point, the link
back to the lesson, and the result page, whose feedback and key follow the teacher's settings."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bench.student import quiz_resize
from classroom.models import Assignment
from quizzes import services
from quizzes.models import Attempt, FeedbackTiming, Question
from quizzes.types import registry
from tests.conftest import shows_text

pytestmark = pytest.mark.django_db


def correct(question) -> dict:
    qt = registry.get(question.type)
    return qt.dump_response(qt.correct_response(qt.parse_spec(question.spec)))


def start(student, assignment) -> Attempt:
    return services.attempt_start(student=student, lesson=assignment.lesson, assignment=assignment)


def settings(assignment, **values) -> None:
    Assignment.objects.filter(pk=assignment.pk).update(**values)
    assignment.refresh_from_db()


def test_a_timed_quiz_shows_the_seconds_left_as_the_server_counts_them(client, student, assignment):
    settings(assignment, time_limit_minutes=20)
    attempt = start(student, assignment)
    client.force_login(student)
    html = client.get(reverse("learning:attempt_take", args=[attempt.pk])).content.decode()
    remaining = int(re.search(r'data-remaining="(\d+)"', html).group(1))
    assert 20 * 60 - 5 <= remaining <= 20 * 60
    assert 'role="timer"' in html
    assert f'datetime="{attempt.deadline.isoformat()}"' in html


def test_an_untimed_quiz_far_from_its_deadline_has_no_countdown(client, student, assignment):
    settings(assignment, time_limit_minutes=None)
    attempt = start(student, assignment)
    client.force_login(student)
    html = client.get(reverse("learning:attempt_take", args=[attempt.pk])).content.decode()
    assert "data-countdown" not in html
    assert "Answers are accepted until" in html


def test_a_quiz_closing_soon_counts_down_even_without_a_time_limit(client, student, assignment):
    settings(
        assignment,
        time_limit_minutes=None,
        due_at=timezone.now() + timedelta(minutes=30),
    )
    attempt = start(student, assignment)
    client.force_login(student)
    html = client.get(reverse("learning:attempt_take", args=[attempt.pk])).content.decode()
    assert "data-countdown" in html


def test_the_quiz_page_links_back_to_the_lesson_and_loads_its_scripts(client, student, assignment):
    attempt = start(student, assignment)
    client.force_login(student)
    html = client.get(reverse("learning:attempt_take", args=[attempt.pk])).content.decode()
    assert reverse("learning:step", args=[assignment.pk, "quiz"]) in html
    assert 'src="/static/js/autosave.js" defer' in html
    assert "<script>" not in html  # the CSP allows no inline script
    assert reverse("learning:response_save", args=[attempt.pk, attempt.item_order[0]]) in html


def submitted(student, assignment) -> Attempt:
    attempt = start(student, assignment)
    for question in Question.objects.filter(pk__in=attempt.item_order):
        if question.type == "true_false":
            services.response_save(attempt=attempt, question_id=question.pk, data=correct(question))
    return services.attempt_submit(attempt=attempt)


def result(client, student, attempt) -> str:
    client.force_login(student)
    return client.get(reverse("learning:attempt_result", args=[attempt.pk])).content.decode()


def test_feedback_after_submit_names_each_part_but_keeps_the_key_until_allowed(
    client, student, assignment
):
    settings(
        assignment, show_feedback=FeedbackTiming.AFTER_SUBMIT, show_key=FeedbackTiming.AFTER_DUE
    )
    html = result(client, student, submitted(student, assignment))
    assert "data-score" in html
    assert 'data-verdict="right"' in html  # the true/false item
    assert 'data-verdict="blank"' in html  # the others were left blank
    # Part labels: the match item's prompts are named.
    assert "The bridge is a costly ornament." in html
    assert "Answer:" not in html
    for accepted in Question.objects.get(key="q-toll", is_current=True).spec["accepted"]:
        assert not shows_text(html, accepted)
    assert "The right answers will be shown later" in html


def test_the_key_is_shown_once_the_settings_allow_it(client, student, assignment):
    settings(
        assignment, show_feedback=FeedbackTiming.IMMEDIATELY, show_key=FeedbackTiming.IMMEDIATELY
    )
    html = result(client, student, submitted(student, assignment))
    assert "Answer:" in html
    assert "one cent" in html  # q-toll's first accepted answer
    assert "The Ferry Lane petition" in html


def test_without_released_feedback_the_result_page_shows_neither_score_nor_feedback(
    client, student, assignment
):
    settings(assignment, show_feedback=FeedbackTiming.NEVER, show_key=FeedbackTiming.NEVER)
    html = result(client, student, submitted(student, assignment))
    assert "data-score" not in html
    assert "data-verdict" not in html and "Answer:" not in html
    assert "Your teacher will release the score" in html


def test_the_result_page_costs_the_same_for_10_items_as_for_50(client, student, assignment):
    client.force_login(student)
    settings(
        assignment, show_feedback=FeedbackTiming.IMMEDIATELY, show_key=FeedbackTiming.IMMEDIATELY
    )

    def measure(n: int) -> int:
        quiz_resize(assignment.lesson, n)
        attempt = services.attempt_submit(attempt=start(student, assignment))
        with CaptureQueriesContext(connection) as context:
            response = client.get(reverse("learning:attempt_result", args=[attempt.pk]))
        assert response.status_code == 200
        Attempt.objects.filter(pk=attempt.pk).delete()
        return len(context.captured_queries)

    settings(assignment, attempts_allowed=0)
    # 8, and 3 for the lesson's written answers (questions, scores, answers), which the
    # note on what the teacher still scores needs, 1 for the student's extension, which
    # says when "after the due date" comes for them, and 1 for their reading level (their
    # lesson work's choice), at which the explanations are shown.
    assert measure(10) == measure(50) <= 13
