"""Concurrent requests on one attempt: two submits grade once; two tabs keep both answers."""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from quizzes import services
from quizzes.errors import Code, QuizError
from quizzes.models import Attempt, Response, Score
from quizzes.types import registry


def correct_answer(question) -> dict:
    qt = registry.get(question.type)
    return qt.dump_response(qt.correct_response(qt.parse_spec(question.spec)))


def run_together(*functions) -> list:
    """Start the functions at the same moment in threads with their own connections."""
    barrier = threading.Barrier(len(functions))
    results: list = [None] * len(functions)

    def worker(index, fn):
        try:
            barrier.wait()
            results[index] = fn()
        except Exception as error:
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, fn)) for i, fn in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are PostgreSQL's; SQLite serialises"
)
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_submits_grade_once(student, assignment):
    attempt = services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment
    )

    results = run_together(
        lambda: services.attempt_submit(attempt=Attempt.objects.get(pk=attempt.pk)),
        lambda: services.attempt_submit(attempt=Attempt.objects.get(pk=attempt.pk)),
    )

    assert not [r for r in results if isinstance(r, Exception)], results
    assert Score.objects.filter(attempt=attempt).count() == len(attempt.item_order)
    assert Attempt.objects.get(pk=attempt.pk).status == Attempt.Status.SUBMITTED


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the in-memory SQLite test database locks whole tables across threads; "
    "tests/faults/test_server_restart.py covers two tabs on an SQLite file through gunicorn",
)
@pytest.mark.django_db(transaction=True)
def test_two_tabs_saving_different_answers_keep_both(student, assignment):
    attempt = services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment
    )
    tf, other = [
        q
        for q in attempt.lesson.questions.filter(pk__in=attempt.item_order)
        if q.type in {"true_false", "short_text"}
    ][:2]
    answers = {
        tf.pk: {"answer": True} if tf.type == "true_false" else {"text": "first tab"},
        other.pk: {"answer": False} if other.type == "true_false" else {"text": "second tab"},
    }

    results = run_together(
        *[
            (
                lambda qid=qid, data=data: services.response_save(
                    attempt=Attempt.objects.get(pk=attempt.pk), question_id=qid, data=data
                )
            )
            for qid, data in answers.items()
        ]
    )

    assert not [r for r in results if isinstance(r, Exception)], results
    assert dict(Response.objects.values_list("question_id", "data")) == answers


def waiting_for_a_lock() -> int:
    """Other sessions of this database waiting for a row lock."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are PostgreSQL's; SQLite serialises"
)
@pytest.mark.django_db(transaction=True)
def test_an_autosave_that_arrives_during_a_submit_waits_and_is_refused_after_it(
    student, assignment
):
    """The autosave is one statement with no transaction of its own: it must still wait for a
    submit that holds the attempt, then see it submitted, and store nothing after grading."""
    attempt = services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment
    )
    question = attempt.lesson.questions.get(pk=attempt.item_order[0])
    holding, release = threading.Event(), threading.Event()
    outcome: dict = {}

    def submit():
        try:
            with transaction.atomic():
                Attempt.objects.select_for_update().get(pk=attempt.pk)
                holding.set()
                release.wait(timeout=30)  # the autosave arrives meanwhile
                services.attempt_submit(attempt=attempt)
        finally:
            connections.close_all()

    def save():
        holding.wait(timeout=30)
        try:
            outcome["saved"] = services.response_save(
                attempt=Attempt.objects.get(pk=attempt.pk),
                question_id=question.pk,
                data=correct_answer(question),
            )
        except QuizError as error:
            outcome["refused"] = error.code
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit), threading.Thread(target=save)]
    for thread in threads:
        thread.start()
    holding.wait(timeout=30)
    deadline = time.monotonic() + 30
    while not waiting_for_a_lock() and time.monotonic() < deadline:
        time.sleep(0.01)
    waited = waiting_for_a_lock() > 0
    release.set()
    for thread in threads:
        thread.join(timeout=60)

    assert waited, "the autosave did not wait for the submit's lock"
    assert outcome == {"refused": Code.ATTEMPT_SUBMITTED}
    assert not Response.objects.filter(attempt=attempt).exists()
    assert Score.objects.filter(attempt=attempt).count() == len(attempt.item_order)
