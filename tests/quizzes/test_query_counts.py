"""Rendering a quiz, saving an answer and submitting cost the same number of queries for 10
items as for 50."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.student import quiz_resize
from quizzes import services
from quizzes.models import Question

pytestmark = pytest.mark.django_db


def count(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def measure(client, student, assignment, n: int) -> dict[str, int]:
    quiz_resize(assignment.lesson, n)
    attempt = services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment
    )
    question = Question.objects.get(pk=attempt.item_order[0])
    client.force_login(student)
    page = reverse("learning:attempt_take", args=[attempt.pk])
    save = reverse("learning:response_save", args=[attempt.pk, question.pk])
    assert question.type == "single_choice"
    answer = {f"{question.uid}-choice": question.spec["choices"][0]["id"]}
    statuses = []
    counts = {
        "render": count(lambda: statuses.append(client.get(page).status_code)),
        "save": count(lambda: statuses.append(client.post(save, answer).status_code)),
        "submit": count(
            lambda: statuses.append(client.post(page, {"action": "submit"}).status_code)
        ),
    }
    assert statuses == [200, 200, 302]
    attempt.delete()
    return counts


def test_quiz_queries_do_not_grow_with_the_number_of_items(client, student, assignment):
    small = measure(client, student, assignment, 10)
    large = measure(client, student, assignment, 50)
    assert small == large, (small, large)
    assert small["render"] <= 12
    assert small["save"] <= 12


def test_the_quiz_page_costs_the_same_queries_with_its_controls_cached_or_not(
    client, student, assignment
):
    """The controls cache saves rendering, never a query; the caches of the reference list
    (lessons.selectors.lesson_references_html) and of the quiz's questions
    (quizzes.selectors.quiz_questions_cached) save their queries; the page reads the student's
    reading level with the attempt, and an attempt in time closes nothing."""
    from django.core.cache import cache

    quiz_resize(assignment.lesson, 10)
    attempt = services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment
    )
    client.force_login(student)
    page = reverse("learning:attempt_take", args=[attempt.pk])
    cache.clear()
    cold = count(lambda: client.get(page))
    warm = count(lambda: client.get(page))
    assert cold == 7  # session, user, attempt, questions, answers, 2 reference lists
    assert warm == 4  # the questions and the reference lists from the cache


def test_an_autosave_is_one_read_and_one_write_after_the_user(client, student, assignment):
    attempt = services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment
    )
    question = Question.objects.get(pk=attempt.item_order[0])
    client.force_login(student)
    save = reverse("learning:response_save", args=[attempt.pk, question.pk])
    answer = {f"{question.uid}-choice": question.spec["choices"][0]["id"]}
    # session, user, the attempt with the class check and the question, then the upsert that
    # writes only while the attempt is open and in time (no transaction around it)
    with CaptureQueriesContext(connection) as ctx:
        assert client.post(save, answer).json() == {"saved": True, "revision": 1}
    assert len(ctx.captured_queries) == 4
    assert "classroom_membership" in ctx.captured_queries[2]["sql"]
    assert ctx.captured_queries[3]["sql"].lstrip().startswith("INSERT")
