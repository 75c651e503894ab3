"""Hostile input: forged requests, missing CSRF tokens, script in content, junk payloads.
Always a 4xx with a message, never a 500, and the stored data unchanged."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessons.markdown import render_markdown
from quizzes import services
from quizzes.models import Attempt, Question, Response, Score

pytestmark = pytest.mark.django_db

junk_text = st.one_of(
    st.text(max_size=50),
    st.integers(min_value=5_000, max_value=300_000).map(lambda n: "x" * n),
    st.sampled_from(["<script>alert(1)</script>", "' OR 1=1 --", "\x00", "💥" * 300, "{}", "[]"]),
)
junk_form = st.dictionaries(
    keys=st.one_of(st.text(max_size=20), st.sampled_from(["action", "items", "q1-choice"])),
    values=st.one_of(junk_text, st.lists(junk_text, max_size=5)),
    max_size=8,
)


@pytest.fixture
def attempt(student, assignment):
    return services.attempt_start(student=student, lesson=assignment.lesson, assignment=assignment)


def stored(attempt) -> tuple:
    return (
        sorted(Response.objects.filter(attempt=attempt).values_list("question_id", "data")),
        Score.objects.filter(attempt=attempt).count(),
        Attempt.objects.get(pk=attempt.pk).status,
    )


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(payload=junk_form)
def test_junk_posted_to_autosave_is_a_4xx_or_a_valid_save_never_a_500(
    client, student, attempt, payload
):
    client.force_login(student)
    for qid in attempt.item_order:
        before = stored(attempt)
        url = reverse("learning:response_save", args=[attempt.pk, qid])
        response = client.post(url, payload)
        assert response.status_code in (200, 400), response.content
        body = response.json()
        if response.status_code == 400:
            assert body["error"]
            assert stored(attempt) == before


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(payload=junk_form)
def test_junk_posted_to_the_quiz_form_never_500s_nor_submits_by_accident(
    client, student, attempt, payload
):
    client.force_login(student)
    payload = {k: v for k, v in payload.items() if k != "action"} | {
        "items": [str(q) for q in attempt.item_order]
    }
    response = client.post(reverse("learning:attempt_take", args=[attempt.pk]), payload)
    assert response.status_code in (302, 400)
    assert Attempt.objects.get(pk=attempt.pk).status == Attempt.Status.IN_PROGRESS


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(payload=junk_form)
def test_junk_posted_to_login_never_500s(client, payload):
    response = client.post(reverse("accounts:login"), payload)
    assert response.status_code in (200, 400, 403, 429)


def test_a_missing_csrf_token_is_refused(student, attempt):
    client = Client(enforce_csrf_checks=True)
    client.force_login(student)
    question = attempt.item_order[0]
    response = client.post(reverse("learning:response_save", args=[attempt.pk, question]), {})
    assert response.status_code == 403
    assert not Response.objects.exists()


def test_forged_score_fields_in_an_answer_change_no_score(client, student, attempt):
    client.force_login(student)
    tf = Question.objects.filter(pk__in=attempt.item_order, type="true_false").first()
    client.post(
        reverse("learning:response_save", args=[attempt.pk, tf.pk]),
        {f"{tf.uid}-answer": "true", "points_earned": "999", "score": "100", "correct": "true"},
    )
    assert Score.objects.count() == 0
    assert Attempt.objects.get(pk=attempt.pk).points_earned is None


def test_an_answer_for_a_question_of_another_lesson_is_refused(client, student, attempt):
    client.force_login(student)
    foreign = Question.objects.exclude(pk__in=attempt.item_order).first()
    response = client.post(reverse("learning:response_save", args=[attempt.pk, foreign.pk]), {})
    assert response.status_code == 404
    assert not Response.objects.exists()


def test_answers_after_the_time_limit_are_refused_over_http(client, student, assignment):
    assignment.time_limit_minutes = 5
    assignment.save()
    started = timezone.now() - timedelta(minutes=10)
    attempt = services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment, now=started
    )
    client.force_login(student)
    tf = Question.objects.filter(pk__in=attempt.item_order, type="true_false").first()
    response = client.post(
        reverse("learning:response_save", args=[attempt.pk, tf.pk]), {f"{tf.uid}-answer": "true"}
    )
    assert response.status_code == 409
    assert "Time is up" in response.json()["error"]
    assert not Response.objects.exists()
    assert Attempt.objects.get(pk=attempt.pk).status == Attempt.Status.SUBMITTED


def test_answers_after_the_due_date_are_refused(client, student, assignment):
    attempt = services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment
    )
    assignment.due_at = timezone.now() - timedelta(hours=1)
    assignment.opens_at = assignment.due_at - timedelta(days=1)
    assignment.save()
    Attempt.objects.filter(pk=attempt.pk).update(deadline=assignment.due_at)
    client.force_login(student)
    tf = Question.objects.filter(pk__in=attempt.item_order, type="true_false").first()
    response = client.post(
        reverse("learning:response_save", args=[attempt.pk, tf.pk]), {f"{tf.uid}-answer": "true"}
    )
    assert response.status_code == 409
    assert not Response.objects.exists()


def test_script_in_lesson_content_is_stripped():
    html = render_markdown(
        'Hello <script>alert(1)</script> <img src=x onerror="alert(2)"> '
        "[link](javascript:alert(3)) **bold**"
    )
    assert "<script" not in html
    assert "onerror" not in html
    assert "javascript:" not in html
    assert "<strong>bold</strong>" in html


def test_script_in_a_class_name_is_escaped(client, teacher, classroom):
    classroom.name = "<script>alert('class')</script>"
    classroom.save()
    client.force_login(teacher)
    html = client.get(reverse("home"), follow=True).content.decode()
    assert "<script>alert('class')</script>" not in html


def test_script_in_a_students_answer_is_escaped_when_shown_again(client, student, attempt):
    client.force_login(student)
    short = Question.objects.filter(pk__in=attempt.item_order, type="short_text").first()
    evil = "<script>alert('answer')</script>"
    services.response_save(attempt=attempt, question_id=short.pk, data={"text": evil})
    html = client.get(reverse("learning:attempt_take", args=[attempt.pk])).content.decode()
    assert evil not in html
    assert "&lt;script&gt;" in html


def test_an_oversized_request_body_is_refused_without_a_500(client, student, attempt):
    client.force_login(student)
    question = attempt.item_order[0]
    response = client.post(
        reverse("learning:response_save", args=[attempt.pk, question]),
        data=json.dumps({"x": "y" * 3_000_000}),
        content_type="application/x-www-form-urlencoded",
    )
    assert 400 <= response.status_code < 500
