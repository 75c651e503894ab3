from django.core.management.base import BaseCommand, CommandError

from lessons.models import Lesson
from quizzes.services import attempts_regrade


class Command(BaseCommand):
    help = "Grade submitted quiz answers again after a key change; report every changed score."

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="lesson slugs (default: every lesson)")

    def handle(self, *args, slugs, **options):
        lessons = Lesson.objects.order_by("slug")
        if slugs:
            lessons = lessons.filter(slug__in=slugs)
            missing = set(slugs) - set(lessons.values_list("slug", flat=True))
            if missing:
                raise CommandError(f"No lesson with slug {', '.join(sorted(missing))}.")
        total = 0
        for lesson in lessons:
            for change in attempts_regrade(lesson=lesson):
                total += 1
                self.stdout.write(
                    f"{lesson.slug}: attempt {change.attempt_id} {change.question_key}: "
                    f"{change.before} -> {change.after}"
                )
        self.stdout.write(f"{total} score(s) changed.")
