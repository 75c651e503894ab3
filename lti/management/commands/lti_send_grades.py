"""Send the grades waiting for the LMS, and retry failed sends whose backoff has passed. Run it
every few minutes (cron or a systemd timer), as `manage.py lti_send_grades`."""

from django.core.management.base import BaseCommand

from lti.models import GradeSync
from lti.services.grades import grades_send_due


class Command(BaseCommand):
    help = "Send grades waiting for the LMS and retry failed sends that are due."

    def handle(self, *args, **options) -> None:
        results = grades_send_due()
        sent = sum(1 for sync in results if sync.status == GradeSync.Status.SENT)
        self.stdout.write(f"{sent} sent, {len(results) - sent} failed (retried later).")
