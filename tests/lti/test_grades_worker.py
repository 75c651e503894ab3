"""Grades go to the LMS through django-tasks' database backend and its worker (`db_worker`), as
in production: the change enqueues a task once committed, the worker sends, and a send the LMS
refused is deferred to its backoff time."""

from io import StringIO

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from lti.models import GradeSync
from lti.tasks import grade_resend, grades_send_for_attempt
from tests.classroom.conftest import answer_quiz

from .test_grades import lms_course, received


def worker() -> None:
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--no-reload",
        stdout=StringIO(), stderr=StringIO(),
    )  # fmt: skip


# The worker closes connections between tasks: these tests commit for real (as the closing
# task's test does).
@pytest.mark.django_db(transaction=True)
def test_a_submit_enqueues_the_send_and_the_worker_delivers_it(client, lms, example_lesson):
    item, assignment, _teacher, student = lms_course(client, lms, example_lesson)

    attempt = answer_quiz(student=student, assignment=assignment)

    queued = DBTaskResult.objects.get()
    assert queued.task_path == grades_send_for_attempt.module_path
    assert received(lms, item) == []  # nothing is sent until the worker runs
    worker()
    [score] = received(lms, item)
    assert score["scoreGiven"] == float(attempt.points_earned)
    assert GradeSync.objects.get().status == GradeSync.Status.SENT


@pytest.mark.django_db(transaction=True)
def test_a_refused_send_is_deferred_to_its_backoff_time(client, lms, example_lesson):
    item, assignment, _teacher, student = lms_course(client, lms, example_lesson)
    lms.fail_scores = True

    answer_quiz(student=student, assignment=assignment)
    worker()

    sync = GradeSync.objects.get()
    retry = DBTaskResult.objects.get(task_path=grade_resend.module_path)
    assert sync.status == GradeSync.Status.FAILED
    assert retry.run_after == sync.next_try_at
    assert retry.args_kwargs["args"] == [sync.pk]
    assert received(lms, item) == []


@pytest.mark.django_db(transaction=True)
def test_an_assignment_outside_any_lms_enqueues_nothing(student, assignment):
    answer_quiz(student=student, assignment=assignment)

    assert not DBTaskResult.objects.exists()
