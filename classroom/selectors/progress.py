"""Progress: each student's progress on each assignment of a class, read in a fixed number of
queries (tests/classroom/test_query_counts.py) and computed by the pure rules of
`classroom.progress`. The grid, the gradebook and one student's work all start here."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact, GreaterThan, LessThan
from django.utils import timezone

from accounts.models import User
from lessons.models import StepKind
from quizzes import policy
from quizzes.models import Attempt, Question, Response, Score
from quizzes.types import registry

from ..deadlines import student_due_at
from ..models import Assignment, Classroom, Extension, Membership
from ..progress import AttemptRow, Progress, counted_first, progress_for
from .access import classroom_students


def manual_types() -> list[str]:
    """Question types scored by the teacher, never automatically (free text)."""
    return [qt.key for qt in registry if not qt.auto_graded]


def attempt_rows(attempts) -> list[AttemptRow]:
    """Quiz attempts as AttemptRow, in one query. Lateness is decided by the database
    (submitted after the later of the class's due date and the student's extension), which
    spares converting ten thousand dates in Python for a big class. `regraded` is cached on
    the attempt with its totals (a correlated subquery here cost a third of the grid's time)."""
    due = student_due_at()
    return [
        AttemptRow(*values)
        for values in attempts.annotate(
            late=ExpressionWrapper(
                Q(submitted_at__isnull=False, submitted_at__gt=due), output_field=BooleanField()
            )
        ).values_list(
            "id",
            "student_id",
            "assignment_id",
            "number",
            "status",
            "late",
            "points_earned",
            "points_possible",
            "needs_scoring",
            "regraded",
        )
    ]


def attempts_counted(*, assignment: Assignment) -> QuerySet[Attempt]:
    """Each class member's counted quiz attempt for the assignment, at most one per student:
    `counted_first` as a query the score queries join on, instead of lists of a thousand ids
    picked in Python. The counted attempt is the one that no other submitted attempt of the
    student comes before. Written as "NOT EXISTS an earlier one", PostgreSQL runs it as one
    hash anti-join and expects the right number of rows; "= the first one" ran a sorted
    subquery per attempt and was expected to keep 3 of 1,000, which misled the plans of
    every score query joined on it (an index that reads each attempt's every score)."""
    submitted = Attempt.objects.filter(
        assignment=assignment, kind=Attempt.Kind.QUIZ, status=Attempt.Status.SUBMITTED
    )
    # Built from the last field back: ahead on a field, or equal on it and ahead on the rest.
    # The id settles a tie that unique attempt numbers never leave.
    earlier = Q(pk__lt=OuterRef("pk"))
    for name in reversed(counted_first(assignment.grading_method)):
        field = name.lstrip("-")
        theirs, mine = _counted_value(F(field)), _counted_value(OuterRef(field))
        ahead = GreaterThan(theirs, mine) if name.startswith("-") else LessThan(theirs, mine)
        earlier = Q(ahead) | (Q(Exact(theirs, mine)) & earlier)
    before = submitted.filter(earlier, student_id=OuterRef("student_id"))
    member = Membership.objects.filter(
        classroom_id=assignment.classroom_id, student_id=OuterRef("student_id")
    )
    return submitted.filter(Exists(member), ~Exists(before)).order_by()


def _counted_value(ref):
    """An attempt's value in `counted_first`'s order: points missing count as 0."""
    return Coalesce(ref, Value(Decimal(0))) if ref.name == "points_earned" else ref


@dataclass
class ClassProgress:
    """Everything the grid and the gradebook need, in a fixed number of queries."""

    classroom: Classroom
    students: list[User]
    assignments: list[Assignment]
    progress: dict[tuple[int, int], Progress]  # (student id, assignment id)
    attempts: dict[tuple[int, int], list[AttemptRow]]

    def cell(self, student: User, assignment: Assignment) -> Progress:
        return self.progress[(student.pk, assignment.pk)]


def class_progress(*, classroom: Classroom, now: datetime | None = None) -> ClassProgress:
    """Each student's progress on each assignment of the class, in a fixed number of queries
    whatever the number of students, assignments or attempts. Only the columns the rules need
    are read: at a thousand students and ten assignments, converting values is most of the
    cost."""
    now = now or timezone.now()
    students = classroom_students(classroom=classroom)
    assignments = list(classroom.assignments.select_related("lesson").order_by("due_at", "id"))
    extensions = {
        (extension.student_id, extension.assignment_id): extension
        for extension in Extension.objects.filter(assignment__classroom=classroom).only(
            "assignment_id", "student_id", "due_at", "extra_minutes"
        )
    }
    attempts: dict[tuple[int, int], list[AttemptRow]] = defaultdict(list)
    for row in attempt_rows(
        Attempt.objects.filter(assignment__classroom=classroom, kind=Attempt.Kind.QUIZ).order_by(
            "assignment_id", "student_id", "number"
        )
    ):
        attempts[(row.student_id, row.assignment_id)].append(row)
    lesson_started = set(
        Attempt.objects.filter(
            assignment__classroom=classroom, kind=Attempt.Kind.LESSON
        ).values_list("student_id", "assignment_id")
    )
    # A lesson attempt's cached totals are the sum of its newest scores that are not formative
    # checks: the teacher's scores of its written answers (quizzes.services.activity_score).
    written_points = {
        (student_id, assignment_id): points
        for student_id, assignment_id, points in Attempt.objects.filter(
            assignment__classroom=classroom, kind=Attempt.Kind.LESSON, points_possible__gt=0
        ).values_list("student_id", "assignment_id", "points_earned")
    }

    lesson_ids = {a.lesson_id for a in assignments}
    written_possible: dict[int, Decimal] = defaultdict(Decimal)
    manual_ids = []
    for qid, lesson_id, points, is_current in (
        Question.objects.filter(lesson_id__in=lesson_ids, type__in=manual_types())
        .exclude(step__kind=StepKind.QUIZ)
        .values_list("id", "lesson_id", "points", "is_current")
    ):
        manual_ids.append(qid)
        if is_current:
            written_possible[lesson_id] += Decimal(points)
    # Waiting: no score saved since the answer was last saved (none at all, or only older).
    scored_since = Score.objects.filter(
        attempt=OuterRef("attempt_id"),
        question=OuterRef("question_id"),
        created_at__gte=OuterRef("updated_at"),
    ).exclude(origin=Score.Origin.CHECK)
    written_waiting = set(
        Response.objects.filter(
            attempt__assignment__classroom=classroom,
            attempt__kind=Attempt.Kind.LESSON,
            question_id__in=manual_ids,
        )
        .filter(~Exists(scored_since))
        .values_list("attempt__student_id", "attempt__assignment_id")
    )

    progress: dict[tuple[int, int], Progress] = {}
    nothing: list = []
    student_ids = [student.pk for student in students]
    for assignment in assignments:
        possible = written_possible.get(assignment.lesson_id, Decimal(0))
        method, assignment_id = assignment.grading_method, assignment.pk
        class_due = policy.student_window(assignment=assignment).due_at
        for student_id in student_ids:
            key = (student_id, assignment_id)
            extension = extensions.get(key)
            progress[key] = progress_for(
                method=method,
                due_at=class_due
                if extension is None
                else policy.student_window(assignment=assignment, extension=extension).due_at,
                extended=extension is not None,
                quiz_attempts=attempts.get(key, nothing),
                lesson_started=key in lesson_started,
                written_points=written_points.get(key),
                written_waiting=key in written_waiting,
                written_possible=possible,
                now=now,
            )
    return ClassProgress(classroom, students, assignments, progress, dict(attempts))
