"""Regrading after a key fix, the way Canvas and Moodle do it.

A package reload that changes what an answered question is graded on makes a new version and
records a `KeyChange` (authoring.services). Attempts stay pinned to the version they answered;
a regrade decides what the *new* key means for them, per question, by a `RegradePolicy`:

- keep: old attempts keep the old key's scores (new attempts already use the new key);
- new: each old answer is graded with the new key;
- either: the better of the old and the new key, so nobody loses points;
- full: everyone who answered gets full marks on it.

`regrade_plan` computes what a decision would change without writing (the preview, the
command's --dry-run); `regrade_apply` writes it: one `Regrade` record per question, a new
REGRADE Score row for each score that changes (with who, the policy and why; earlier rows
stay), the attempts' totals recomputed, and an audit entry. A teacher's own score (an
override, a written answer) is never replaced. Grading stays pure: the question types'
`grade(spec, answer)`; the policy only combines their fractions
(docs/decisions/0017-regrade-and-versions.md)."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import AuditEntry
from audit.services import audit_record
from lessons.models import Lesson

from .. import policy as quiz_policy
from .. import selectors
from ..errors import Code, QuizError
from ..models import Attempt, KeyChange, Question, Regrade, RegradePolicy, Response, Score
from ..types import GradeState, ResponseError, registry
from .scoring import Graded, grade, score_row, totals_refresh

TEACHER_ORIGINS = (Score.Origin.OVERRIDE, Score.Origin.TEACHER)


def regrade_fraction(policy: str, *, old: Fraction, new: Fraction, answered: bool) -> Fraction:
    """The fraction of the points an old answer earns under `policy`, from its grade with the
    old key and with the new one. Pure, and a function of the two grades only, so a decision
    can be changed later (keep after new puts the old key's scores back)."""
    if policy == RegradePolicy.NEW:
        return new
    if policy == RegradePolicy.EITHER:
        return max(old, new)
    if policy == RegradePolicy.FULL and answered:
        return Fraction(1)
    return old  # keep; and a blank answer under "full"


def keeps_old_key(policy: str, *, old: Fraction, new: Fraction, answered: bool) -> bool:
    """Whether the old key's grade is the one kept (its points and feedback are recorded)."""
    if policy == RegradePolicy.EITHER:
        return old > new
    return policy == RegradePolicy.KEEP or (policy == RegradePolicy.FULL and not answered)


@dataclass
class ItemRegrade:
    """One old answer to a changed question, before and after the policy."""

    attempt_id: int
    question: Question  # the version the attempt answered
    target: Question  # the version holding the new key
    policy: str
    before_earned: Decimal
    before_possible: Decimal
    after_earned: Decimal
    after_possible: Decimal
    graded: Graded | None  # what a new score row records; None when nothing changes
    kept_teacher_score: bool = False

    @property
    def changed(self) -> bool:
        return self.graded is not None


@dataclass
class AttemptRegrade:
    attempt: Attempt
    before_earned: Decimal
    before_possible: Decimal
    items: list[ItemRegrade] = field(default_factory=list)

    @property
    def after_earned(self) -> Decimal:
        return self.before_earned + sum(
            (i.after_earned - i.before_earned for i in self.items), Decimal(0)
        )

    @property
    def after_possible(self) -> Decimal:
        return self.before_possible + sum(
            (i.after_possible - i.before_possible for i in self.items), Decimal(0)
        )

    @property
    def changed(self) -> bool:
        return any(i.changed for i in self.items)


@dataclass
class RegradePlan:
    lesson: Lesson
    policies: dict[str, str]  # question id (key) -> policy
    targets: dict[str, Question]  # question id (key) -> the version with the new key
    attempts: list[AttemptRegrade]

    @property
    def items(self) -> list[ItemRegrade]:
        return [item for attempt in self.attempts for item in attempt.items]

    @property
    def changes(self) -> list[ItemRegrade]:
        return [item for item in self.items if item.changed]

    def average_percent(self, *, after: bool) -> Decimal | None:
        """The mean percentage of the attempts in the plan, before or after."""
        return average_percent(self.attempts, after=after)

    def by_assignment(self) -> dict[int | None, list[AttemptRegrade]]:
        """The attempts in the plan by assignment (a class), in the plan's order."""
        groups: dict[int | None, list[AttemptRegrade]] = {}
        for row in self.attempts:
            groups.setdefault(row.attempt.assignment_id, []).append(row)
        return groups


def average_percent(rows: Iterable[AttemptRegrade], *, after: bool) -> Decimal | None:
    """The mean percentage of some attempts' totals, before or after a regrade."""
    pairs = [
        (a.after_earned, a.after_possible) if after else (a.before_earned, a.before_possible)
        for a in rows
    ]
    shares = [earned * 100 / possible for earned, possible in pairs if possible]
    if not shares:
        return None
    return (sum(shares, Decimal(0)) / len(shares)).quantize(Decimal("0.1"))


def changed_keys(*, lesson: Lesson) -> list[str]:
    """The question ids of the lesson with a recorded key change, in quiz order."""
    keys = KeyChange.objects.filter(lesson=lesson).values_list("key", flat=True)
    order = {
        q.key: (q.step.position, q.position)
        for q in Question.objects.filter(lesson=lesson, is_current=True, key__in=keys)
        .select_related("step")
        .only("key", "position", "step__position")
    }
    return sorted(set(keys) & set(order), key=lambda key: order[key])


def _targets(lesson: Lesson, policies: Mapping[str, str]) -> dict[str, Question]:
    for chosen in policies.values():
        if chosen not in RegradePolicy.values:
            raise QuizError(Code.UNKNOWN_POLICY)
    targets = {
        q.key: q
        for q in Question.objects.filter(
            lesson=lesson, is_current=True, key__in=list(policies)
        ).select_related("step")
    }
    changed = set(changed_keys(lesson=lesson))
    unknown = sorted(key for key in policies if key not in targets or key not in changed)
    if unknown:
        raise QuizError(Code.NO_KEY_CHANGE, ", ".join(unknown) + ".")
    return targets


def regrade_plan(
    *,
    lesson: Lesson,
    policies: Mapping[str, str],
    assignment_id: int | None = None,
    student_ids: Iterable[int] | None = None,
    lock: bool = False,
) -> RegradePlan:
    """What applying `policies` ({question id: policy}) would change, written nowhere: every
    submitted quiz attempt of the lesson (of one assignment, of some students) that answered
    an older version of a changed question. A fixed number of queries."""
    targets = _targets(lesson, policies)
    old_versions = {
        q.pk: q
        for q in Question.objects.filter(lesson=lesson, key__in=list(targets)).exclude(
            pk__in=[t.pk for t in targets.values()]
        )
    }
    attempts = Attempt.objects.filter(
        lesson=lesson,
        kind=Attempt.Kind.QUIZ,
        status=Attempt.Status.SUBMITTED,
        scores__question_id__in=list(old_versions),
    ).distinct()
    if assignment_id is not None:
        attempts = attempts.filter(assignment_id=assignment_id)
    if student_ids is not None:
        attempts = attempts.filter(student_id__in=list(student_ids))
    if lock:
        ids = list(attempts.values_list("pk", flat=True))
        attempts = Attempt.objects.select_for_update(of=("self",)).filter(pk__in=ids)
    attempts = list(
        attempts.select_related("student", "assignment__classroom").order_by(
            "assignment_id", "student__username", "number"
        )
    )
    latest = selectors.scores_latest(attempts=[a.pk for a in attempts])
    answers = {
        (r.attempt_id, r.question_id): r.data
        for r in Response.objects.filter(
            attempt__in=[a.pk for a in attempts], question_id__in=list(old_versions)
        )
    }
    plan = RegradePlan(lesson=lesson, policies=dict(policies), targets=targets, attempts=[])
    for attempt in attempts:
        row = AttemptRegrade(
            attempt=attempt,
            before_earned=attempt.points_earned or Decimal(0),
            before_possible=attempt.points_possible or Decimal(0),
        )
        for qid in attempt.item_order:
            question = old_versions.get(qid)
            if question is None:
                continue
            row.items.append(
                _item(
                    attempt,
                    question,
                    targets[question.key],
                    policies[question.key],
                    latest.get((attempt.pk, qid)),
                    answers.get((attempt.pk, qid)),
                )
            )
        if row.items:
            plan.attempts.append(row)
    return plan


def _item(attempt, question, target, chosen, previous, data) -> ItemRegrade:
    before = (
        (previous.points_earned, previous.points_possible)
        if previous
        else (Decimal(0), Decimal(question.points))
    )
    item = ItemRegrade(attempt.pk, question, target, chosen, *before, *before, graded=None)
    if previous is not None and previous.origin in TEACHER_ORIGINS:
        item.kept_teacher_score = True
        return item
    if not registry.get_or_missing(question.type).auto_graded:
        return item
    old, new = grade(question, data), _grade_with_new_key(target, data)
    answered = not registry.get_or_missing(question.type).is_blank(data)
    grades = {"old": old.fraction, "new": new.fraction, "answered": answered}
    fraction = regrade_fraction(chosen, **grades)
    # The old key's grade counts on the old version's points; the new key's on the new one's.
    source, version = (old, question) if keeps_old_key(chosen, **grades) else (new, target)
    graded = Graded(
        question=question,
        points_earned=quiz_policy.points_for(fraction, version.points),
        points_possible=Decimal(version.points),
        state=GradeState.of(fraction),
        fraction=fraction,
        result=source.result,
    )
    if (graded.points_earned, graded.points_possible) == before and previous is not None:
        return item
    item.after_earned, item.after_possible = graded.points_earned, graded.points_possible
    item.graded = graded
    return item


def _grade_with_new_key(target: Question, data) -> Graded:
    """An old answer graded with the new version; one that no longer fits it (a choice the
    fix removed, another type) is graded as blank, not refused."""
    try:
        return grade(target, data)
    except ResponseError:
        return grade(target, None)


def regrade_reason(*, target: Question, policy: str, reason: str = "") -> str:
    """The reason a REGRADE row records: which key, which policy, and the person's words."""
    text = _("Key of %(key)s changed (now version %(version)d); policy: %(policy)s.") % {
        "key": target.key,
        "version": target.version,
        "policy": RegradePolicy(policy).label,
    }
    return f"{text} {reason.strip()}".strip()


@transaction.atomic
def regrade_apply(
    *,
    lesson: Lesson,
    policies: Mapping[str, str],
    by: User | None,
    reason: str = "",
    assignment=None,
    student_ids: Iterable[int] | None = None,
) -> RegradePlan:
    """Carry out `policies` for the old answers in scope (every attempt of the lesson, or one
    assignment's, or some students' of it). The plan is computed again here, with the
    attempts locked, so a score a teacher gave since the preview is kept. No policy: nothing
    to do, nothing written."""
    plan = regrade_plan(
        lesson=lesson,
        policies=policies,
        assignment_id=assignment.pk if assignment is not None else None,
        student_ids=student_ids,
        lock=True,
    )
    if not plan.policies:
        return plan
    records = {}
    for key, chosen in plan.policies.items():
        target = plan.targets[key]
        changed = [item for item in plan.changes if item.target.pk == target.pk]
        records[key] = Regrade.objects.create(
            lesson=lesson,
            question=target,
            assignment=assignment,
            policy=chosen,
            created_by=by,
            reason=regrade_reason(target=target, policy=chosen, reason=reason),
            scores_changed=len(changed),
        )
    by_id = {a.attempt.pk: a.attempt for a in plan.attempts}
    Score.objects.bulk_create(
        score_row(
            by_id[item.attempt_id],
            item.graded,
            Score.Origin.REGRADE,
            created_by=by,
            reason=records[item.question.key].reason,
            regrade=records[item.question.key],
        )
        for item in plan.changes
    )
    for row in plan.attempts:
        if row.changed:
            totals_refresh(row.attempt)
    audit_record(
        action=AuditEntry.Action.REGRADE,
        actor=by,
        reason=reason.strip(),
        lesson=lesson.slug,
        assignment=assignment.pk if assignment is not None else None,
        policies=dict(plan.policies),
        regrades=[r.pk for r in records.values()],
        attempts_changed=[row.attempt.pk for row in plan.attempts if row.changed],
        scores_changed=len(plan.changes),
        average_before=str(plan.average_percent(after=False)),
        average_after=str(plan.average_percent(after=True)),
    )
    return plan
