"""Run by cron or a systemd timer every minute (see the README): queue the closing of overdue
quiz attempts for the task worker (`manage.py db_worker`), or run it here with `--now`."""

from django.core.management.base import BaseCommand
from django_tasks_db.models import DBTaskResult

from quizzes.services import attempts_close_overdue
from quizzes.tasks import close_overdue_attempts


class Command(BaseCommand):
    help = (
        "Close quiz attempts past their deadline, as of that deadline: queue the task for "
        "the worker (manage.py db_worker), or run it in this process with --now."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="close them in this process instead of queueing the task (no worker needed)",
        )

    def handle(self, *args, now: bool, **options):
        if now:
            closed = attempts_close_overdue()
            self.stdout.write(f"Closed {closed} overdue attempt(s).")
            return
        waiting = DBTaskResult.objects.ready().filter(task_path=close_overdue_attempts.module_path)
        if waiting.exists():
            # A worker that was down for a weekend finds one task waiting, not thousands.
            self.stdout.write("A closing task is already waiting for the worker; none queued.")
            return
        result = close_overdue_attempts.enqueue()
        self.stdout.write(f"Queued task {result.id} for the worker (manage.py db_worker).")
