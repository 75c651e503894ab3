"""Regrade after a key fix, as a teacher decides it for one assignment: which questions of the
lesson changed key after the class answered them, what was decided, and a preview of a
decision (each student's quiz score before and after, and the class average). The plan itself
is `quizzes.services.regrade_plan`; this adds the class's view of it: its students, its
grading method."""

from dataclasses import dataclass
from decimal import Decimal

from accounts.models import User
from quizzes import policy
from quizzes.models import Attempt, Score
from quizzes.selectors import KeyChangeStatus, key_changes_for
from quizzes.services import RegradePlan, regrade_plan

from ..models import Assignment
from .access import classroom_students


@dataclass
class ChangedQuestion:
    status: KeyChangeStatus
    attempts: int  # the class's submitted attempts graded with an older key
    submitted_since: int = 0  # of those, submitted after the last decision (not covered by it)

    @property
    def key(self) -> str:
        return self.status.key

    @property
    def pending(self) -> bool:
        """Nobody decided since the key changed, or attempts begun on the old version were
        submitted after the decision, graded with the old key."""
        return self.status.pending or self.submitted_since > 0


def changed_questions(*, assignment: Assignment) -> list[ChangedQuestion]:
    """The lesson's questions whose key changed after this class's students answered them
    (submitted quiz attempts of the class's students on an older version), with the newest
    decision for this assignment or the whole lesson. Three queries."""
    statuses = key_changes_for(lesson=assignment.lesson, assignment_id=assignment.pk)
    if not statuses:
        return []
    submitted: dict[str, dict[int, object]] = {s.key: {} for s in statuses}
    for key, attempt_id, submitted_at in Score.objects.filter(
        attempt__assignment=assignment,
        attempt__kind=Attempt.Kind.QUIZ,
        attempt__status=Attempt.Status.SUBMITTED,
        attempt__student__memberships__classroom_id=assignment.classroom_id,
        question__key__in=list(submitted),
        question__is_current=False,
    ).values_list("question__key", "attempt_id", "attempt__submitted_at"):
        submitted[key][attempt_id] = submitted_at
    result = []
    for status in statuses:
        times = submitted[status.key]
        if not times:
            continue
        decided = status.decision.created_at if status.decision else None
        since = sum(1 for at in times.values() if decided and at and at > decided)
        result.append(ChangedQuestion(status, len(times), since))
    return result


@dataclass
class StudentPreview:
    student: User
    before: int | None  # the quiz score that counts, as a percentage
    after: int | None
    points_before: Decimal  # the attempts the regrade touches, summed
    points_after: Decimal
    possible: Decimal

    @property
    def change(self) -> int:
        return (self.after or 0) - (self.before or 0)


@dataclass
class Preview:
    plan: RegradePlan
    students: list[StudentPreview]  # those the regrade touches, in register order
    average_before: Decimal | None  # every student with a submitted quiz
    average_after: Decimal | None
    scores_changed: int

    @property
    def average_change(self) -> str | None:
        """The change of the class average in percentage points, signed ("+4.0")."""
        if self.average_before is None or self.average_after is None:
            return None
        return f"{self.average_after - self.average_before:+}"


def regrade_preview(*, assignment: Assignment, policies: dict[str, str]) -> Preview:
    """What `policies` would do to the class: each touched student's quiz score (combined by
    the assignment's grading method) before and after, and the class average. Writes
    nothing; a fixed number of queries."""
    students = classroom_students(classroom=assignment.classroom)
    plan = regrade_plan(
        lesson=assignment.lesson,
        policies=policies,
        assignment_id=assignment.pk,
        student_ids=[s.pk for s in students],
    )
    changed = {row.attempt.pk: row for row in plan.attempts}
    percents: dict[int, list[tuple[int, int]]] = {}  # student -> [(before, after)] in order
    for attempt_id, student_id, earned, possible in (
        Attempt.objects.filter(
            assignment=assignment,
            kind=Attempt.Kind.QUIZ,
            status=Attempt.Status.SUBMITTED,
            student_id__in=[s.pk for s in students],
        )
        .order_by("student_id", "number")
        .values_list("id", "student_id", "points_earned", "points_possible")
    ):
        row = changed.get(attempt_id)
        after = (row.after_earned, row.after_possible) if row else (earned, possible)
        percents.setdefault(student_id, []).append(
            (policy.percent(earned, possible) or 0, policy.percent(*after) or 0)
        )
    method = assignment.grading_method
    grades = {
        student_id: (
            policy.combine_attempts(method, [Decimal(b) for b, _a in pairs]),
            policy.combine_attempts(method, [Decimal(a) for _b, a in pairs]),
        )
        for student_id, pairs in percents.items()
    }
    touched = {row.attempt.student_id for row in plan.attempts}
    previews = []
    for student in students:
        if student.pk not in touched:
            continue
        rows = [row for row in plan.attempts if row.attempt.student_id == student.pk]
        before, after = grades[student.pk]
        previews.append(
            StudentPreview(
                student=student,
                before=round(before),
                after=round(after),
                points_before=sum((r.before_earned for r in rows), Decimal(0)),
                points_after=sum((r.after_earned for r in rows), Decimal(0)),
                possible=sum((r.after_possible for r in rows), Decimal(0)),
            )
        )
    return Preview(
        plan=plan,
        students=previews,
        average_before=_mean([b for b, _a in grades.values()]),
        average_after=_mean([a for _b, a in grades.values()]),
        scores_changed=len(plan.changes),
    )


def _mean(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.1"))
