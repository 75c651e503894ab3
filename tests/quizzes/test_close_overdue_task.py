"""The scheduled job: `manage.py close_overdue_attempts` (run by cron or a systemd timer) queues
a django-tasks task in the database, and django-tasks' own worker (`db_worker`) runs it."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from quizzes import services
from quizzes.models import Attempt, Score
from quizzes.tasks import close_overdue_attempts

pytestmark = pytest.mark.django_db


@pytest.fixture
def abandoned(student, assignment) -> Attempt:
    """Started two hours ago with a ten-minute limit, then left (times moved in the database)."""
    attempt = services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment
    )
    started = timezone.now() - timedelta(hours=2)
    Attempt.objects.filter(pk=attempt.pk).update(
        started_at=started, deadline=started + timedelta(minutes=10)
    )
    attempt.refresh_from_db()
    return attempt


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


# The worker checks its connection between tasks (close_old_connections), which closes one
# held inside a test's transaction: this test commits for real instead.
@pytest.mark.django_db(transaction=True)
def test_the_command_queues_the_task_and_the_database_worker_closes_the_attempt(abandoned):
    said = run("close_overdue_attempts")

    queued = DBTaskResult.objects.get()
    assert "Queued task" in said
    assert queued.task_path == close_overdue_attempts.module_path
    assert Attempt.objects.get(pk=abandoned.pk).is_open  # nothing happens until the worker runs

    run("db_worker", "--batch", "--no-startup-delay", "--no-reload")

    abandoned.refresh_from_db()
    result = close_overdue_attempts.get_result(str(queued.id))
    assert result.status == "SUCCESSFUL"
    assert result.return_value == 1
    assert abandoned.status == Attempt.Status.SUBMITTED
    assert abandoned.submitted_at == abandoned.deadline
    assert abandoned.auto_submitted
    assert Score.objects.filter(attempt=abandoned).count() == len(abandoned.item_order)


def test_a_task_already_waiting_is_not_queued_again(abandoned):
    """A worker down for a weekend finds one task waiting, not one per minute."""
    run("close_overdue_attempts")
    said = run("close_overdue_attempts")

    assert "already waiting" in said
    assert DBTaskResult.objects.count() == 1


def test_the_command_closes_in_its_own_process_without_a_worker(abandoned):
    said = run("close_overdue_attempts", "--now")

    abandoned.refresh_from_db()
    assert said.strip() == "Closed 1 overdue attempt(s)."
    assert abandoned.submitted_at == abandoned.deadline
    assert not DBTaskResult.objects.exists()


def test_the_task_closes_nothing_twice(abandoned):
    assert close_overdue_attempts.call() == 1
    assert close_overdue_attempts.call() == 0
    assert Score.objects.filter(attempt=abandoned).count() == len(abandoned.item_order)
