"""Concurrent requests on one attempt: two submits grade once; two tabs keep both answers."""

import threading

import pytest
from django.db import connection, connections

from quizzes import services
from quizzes.models import Attempt, Response, Score


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
