"""Background tasks of the quizzes app, run by django-tasks' database worker
(`manage.py db_worker`; the backport of Django 6's `django.tasks`).

`manage.py close_overdue_attempts`, run every minute by cron or a systemd timer, enqueues
`close_overdue_attempts`; the README says how to run both."""

from django_tasks import task

from .services import attempts_close_overdue


@task()
def close_overdue_attempts() -> int:
    """Close every quiz attempt past its deadline, as of that deadline; returns how many. Safe
    to run while pages close the same attempts: each is graded once."""
    return attempts_close_overdue()
