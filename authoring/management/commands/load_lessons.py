from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from authoring.services import PackageInvalid, lesson_packages_load


class Command(BaseCommand):
    help = (
        "Validate lesson packages, then create or update them in one transaction. "
        "Loading an unchanged package changes nothing; answered questions get new versions."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, help="package folders or seeds/")
        parser.add_argument("--force", action="store_true", help="reload unchanged packages")

    def handle(self, *args, paths, force, **options):
        try:
            results = lesson_packages_load(paths=paths, force=force)
        except PackageInvalid as invalid:
            for error in invalid.errors:
                self.stderr.write(error.render())
            raise CommandError(f"{len(invalid.errors)} error(s): nothing was loaded.") from None
        for result in results:
            line = f"{result.slug}: {result.status}"
            if result.new_versions:
                line += f"; new versions of {', '.join(result.new_versions)}"
            if result.retired:
                line += f"; retired {', '.join(result.retired)}"
            self.stdout.write(line)
            for change in result.key_changes:
                self.stdout.write(
                    f"  key changed: {change.key} v{change.old_question.version} -> "
                    f"v{change.new_question.version}, {change.attempts_touched} submitted "
                    "attempt(s) graded with the old key"
                )
            if result.key_changes:
                self.stdout.write(
                    "  Old attempts keep their scores until you decide: preview with "
                    f"`manage.py regrade --lesson {result.slug} --policy either --dry-run`, "
                    "or on the assignment's page."
                )
