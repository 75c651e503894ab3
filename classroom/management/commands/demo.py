from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from authoring.services import PackageInvalid
from classroom.demo import demo_data_create


class Command(BaseCommand):
    help = "Create (or refresh) the demo accounts, a demo class and load every lesson in seeds/."

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_PASSWORDS", False):
            raise CommandError(
                "Demo accounts have well-known passwords and are refused in production settings."
            )
        try:
            accounts, classroom, lessons = demo_data_create()
        except PackageInvalid as invalid:
            for error in invalid.errors:
                self.stderr.write(error.render())
            raise CommandError(
                "A lesson package in seeds/ has errors: nothing was loaded."
            ) from None
        for result in lessons:
            self.stdout.write(f"Lesson {result.slug}: {result.status}")
        self.stdout.write(f"Demo class: {classroom.name} (join code {classroom.join_code_display})")
        self.stdout.write("Demo accounts (username / password / role):")
        for account in accounts:
            self.stdout.write(f"  {account.username:10} {account.password:20} {account.role}")
