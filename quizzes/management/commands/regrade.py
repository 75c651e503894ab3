from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from core.errors import DomainError
from lessons.models import Lesson
from quizzes.models import RegradePolicy
from quizzes.selectors import key_changes_for
from quizzes.services.regrade import RegradePlan, average_percent, regrade_apply, regrade_plan


def _points(value) -> str:
    return f"{value.normalize():f}"


class Command(BaseCommand):
    help = (
        "Decide what a key fix means for answers graded with the old key: keep, new, either "
        "(the better of both) or full (full marks to everyone who answered). Prints each "
        "student's score before and after and the class average change; --dry-run writes "
        "nothing. Without --question: every question of the lesson whose key change is pending."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--policy", required=True, choices=RegradePolicy.values, help="what to do"
        )
        parser.add_argument("--lesson", action="append", default=[], help="lesson slug")
        parser.add_argument(
            "--question", action="append", default=[], help="question id (default: pending)"
        )
        parser.add_argument("--dry-run", action="store_true", help="print, change nothing")
        parser.add_argument("--reason", default="", help="why (kept with every new score)")
        parser.add_argument("--by", default="", help="username recorded as the one who decided")

    def handle(self, *args, policy, lesson, question, dry_run, reason, by, **options):
        lessons = Lesson.objects.order_by("slug")
        if lesson:
            lessons = lessons.filter(slug__in=lesson)
            missing = set(lesson) - set(lessons.values_list("slug", flat=True))
            if missing:
                raise CommandError(f"No lesson with slug {', '.join(sorted(missing))}.")
        actor = None
        if by:
            actor = User.objects.filter(username=by).first()
            if actor is None or not (actor.is_teacher or actor.is_author):
                raise CommandError(f"No teacher or content author named {by}.")
        done = 0
        for one in lessons:
            keys = question or [s.key for s in key_changes_for(lesson=one) if s.pending]
            if not keys:
                continue
            policies = dict.fromkeys(keys, policy)
            try:
                if dry_run:
                    plan = regrade_plan(lesson=one, policies=policies)
                else:
                    plan = regrade_apply(lesson=one, policies=policies, by=actor, reason=reason)
            except DomainError as error:
                raise CommandError(f"{one.slug}: {error.message}") from None
            self._report(plan)
            done += 1
        if not done:
            self.stdout.write("No pending key change to regrade.")
        elif dry_run:
            self.stdout.write("Dry run: nothing was changed.")

    def _report(self, plan: RegradePlan) -> None:
        keys = ", ".join(f"{key} (now v{plan.targets[key].version})" for key in plan.policies)
        chosen = ", ".join(sorted(set(plan.policies.values())))
        self.stdout.write(f"{plan.lesson.slug}: {keys}; policy {chosen}")
        for rows in plan.by_assignment().values():
            assignment = rows[0].attempt.assignment
            where = f"class {assignment.classroom.name}" if assignment else "no class (previews)"
            self.stdout.write(f"  {where}:")
            for row in rows:
                attempt = row.attempt
                kept = any(i.kept_teacher_score for i in row.items)
                self.stdout.write(
                    f"    {attempt.student.username} attempt {attempt.number}: "
                    f"{_points(row.before_earned)}/{_points(row.before_possible)} -> "
                    f"{_points(row.after_earned)}/{_points(row.after_possible)}"
                    + (" (a teacher's score kept)" if kept else "")
                )
            before = average_percent(rows, after=False)
            after = average_percent(rows, after=True)
            if before is not None and after is not None:
                change = f"{after - before:+}"
                self.stdout.write(
                    f"    average of these attempts: {before}% -> {after}% ({change} points)"
                )
        self.stdout.write(f"  {len(plan.changes)} score(s) changed.")
