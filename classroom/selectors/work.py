"""One student's work on one assignment, as the teacher reviews and scores it: the attempts,
one of them in full with key, feedback and score history, the written answers to score, the
formative tries, the resets; and who is next to score."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from lessons.models import StepKind
from quizzes import policy
from quizzes.models import Attempt, Question, Response, Score
from quizzes.selectors import Item, attempt_items, public_spec_for
from quizzes.types import registry

from ..models import Assignment, AttemptReset, Classroom, Extension
from ..progress import Progress, counted_attempts, progress_for
from ..rubric import rubric_levels
from .access import classroom_students, student_sort_key
from .labels import labelled_parts
from .progress import attempt_rows, manual_types


@dataclass
class ScoredItem:
    """A question of an attempt as the teacher reviews it: answer, key, feedback, history."""

    item: Item
    history: list[Score]  # newest first, excluding formative checks
    graded: Score | None  # the newest automatic grading (it holds the key and the feedback)
    manual: bool
    rubric: list = field(default_factory=list)
    changed_since_scored: bool = False
    response_updated_at: datetime | None = None
    error: str = ""  # a refused score, shown next to the item

    @property
    def current(self) -> Score | None:
        return self.history[0] if self.history else None

    @property
    def key_parts(self) -> list[dict]:
        return (
            labelled_parts(self.graded.parts, self.item.spec, self.item.qtype)
            if self.graded
            else []
        )


@dataclass
class AttemptView:
    attempt: Attempt
    items: list[ScoredItem]
    late: bool
    time_spent: timedelta | None
    counted: bool

    @property
    def time_spent_text(self) -> str:
        if self.time_spent is None:
            return ""
        seconds = int(self.time_spent.total_seconds())
        hours, rest = divmod(seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        if hours:
            return _("%(h)d h %(m)02d min") % {"h": hours, "m": minutes}
        if minutes:
            return _("%(m)d min %(s)02d s") % {"m": minutes, "s": seconds}
        return _("%d s") % seconds


@dataclass
class StudentWork:
    classroom: Classroom
    assignment: Assignment
    student: User
    progress: Progress
    attempts: list[Attempt]  # quiz attempts, in order
    selected: AttemptView | None
    lesson_attempt: Attempt | None
    written: list[ScoredItem]
    formative: list[dict]
    extension: Extension | None
    resets: list[AttemptReset]

    @property
    def latest_attempt_id(self) -> int | None:
        return self.attempts[-1].pk if self.attempts else None

    def set_error(self, question_id: int, message: str) -> None:
        items = (self.selected.items if self.selected else []) + self.written
        for scored in items:
            if scored.item.question.pk == question_id:
                scored.error = message


def _history(attempt: Attempt) -> dict[int, list[Score]]:
    history: dict[int, list[Score]] = defaultdict(list)
    for score in (
        Score.objects.filter(attempt=attempt)
        .exclude(origin=Score.Origin.CHECK)
        .select_related("created_by")
        .order_by("question_id", "-created_at", "-id")
    ):
        history[score.question_id].append(score)
    return history


def _scored(item: Item, history: list[Score]) -> ScoredItem:
    graded = next(
        (s for s in history if s.origin in (Score.Origin.SUBMIT, Score.Origin.REGRADE)), None
    )
    return ScoredItem(
        item=item,
        history=history,
        graded=graded,
        manual=not item.qtype.auto_graded,
        rubric=rubric_levels(item.question) if not item.qtype.auto_graded else [],
    )


def student_work(
    *,
    classroom: Classroom,
    assignment: Assignment,
    student: User,
    attempt_pk: int | None = None,
    now: datetime | None = None,
) -> StudentWork:
    """The student's attempts on the assignment, one of them in full (by default the one
    that counts, else the latest), the written answers to score, and the audit records."""
    now = now or timezone.now()
    all_attempts = list(
        Attempt.objects.filter(assignment=assignment, student=student)
        .select_related("lesson", "assignment")
        .order_by("kind", "number")
    )
    quiz = [a for a in all_attempts if a.kind == Attempt.Kind.QUIZ]
    lesson_attempt = next((a for a in all_attempts if a.kind == Attempt.Kind.LESSON), None)
    extension = Extension.objects.filter(assignment=assignment, student=student).first()
    due_at = policy.student_window(assignment=assignment, extension=extension).due_at

    rows = {
        row.id: row
        for row in attempt_rows(
            Attempt.objects.filter(
                assignment=assignment, student=student, kind=Attempt.Kind.QUIZ
            ).order_by("number")
        )
    }
    written = _written_items(lesson_attempt, assignment) if lesson_attempt else []
    written_possible = sum(
        (Decimal(q.points) for q in _manual_questions(assignment.lesson_id) if q.is_current),
        Decimal(0),
    )
    scored_points = [w.current.points_earned for w in written if w.current is not None]
    progress = progress_for(
        method=assignment.grading_method,
        due_at=due_at,
        extended=extension is not None,
        quiz_attempts=[rows[a.pk] for a in quiz],
        lesson_started=lesson_attempt is not None,
        written_points=sum(scored_points, Decimal(0)) if scored_points else None,
        written_waiting=any(
            w.current is None or w.changed_since_scored
            for w in written
            if w.response_updated_at is not None
        ),
        written_possible=written_possible,
        now=now,
    )
    counted_ids = {
        a.id
        for a in counted_attempts(
            assignment.grading_method, [rows[a.pk] for a in quiz if rows[a.pk].submitted]
        )
    }
    selected = None
    chosen = next((a for a in quiz if a.pk == attempt_pk), None) if attempt_pk else None
    if chosen is None and quiz:
        chosen = next((a for a in reversed(quiz) if a.pk in counted_ids), quiz[-1])
    if chosen is not None:
        history = _history(chosen)
        items = [
            _scored(item, history.get(item.question.pk, []))
            for item in attempt_items(attempt=chosen, with_scores=True)
        ]
        end = chosen.submitted_at or (now if chosen.is_open else None)
        selected = AttemptView(
            attempt=chosen,
            items=items,
            late=rows[chosen.pk].late,
            time_spent=end - chosen.started_at if end else None,
            counted=chosen.pk in counted_ids,
        )
    return StudentWork(
        classroom=classroom,
        assignment=assignment,
        student=student,
        progress=progress,
        attempts=quiz,
        selected=selected,
        lesson_attempt=lesson_attempt,
        written=written,
        formative=_formative(lesson_attempt) if lesson_attempt else [],
        extension=extension,
        resets=list(
            AttemptReset.objects.filter(assignment=assignment, student=student).select_related(
                "reset_by"
            )
        ),
    )


def students_to_score(*, assignment: Assignment) -> list[User]:
    """The students of the class with work on the assignment waiting for the teacher's score
    (an unscored answer in a submitted quiz attempt, or a written answer unscored or changed
    since it was scored), in register order: for scoring one after the other."""
    scored_since = Score.objects.filter(
        attempt=OuterRef("attempt_id"),
        question=OuterRef("question_id"),
        created_at__gte=OuterRef("updated_at"),
    ).exclude(origin=Score.Origin.CHECK)
    written = (
        Response.objects.filter(
            attempt__assignment=assignment,
            attempt__kind=Attempt.Kind.LESSON,
            question__type__in=manual_types(),
        )
        .exclude(question__step__kind=StepKind.QUIZ)
        .filter(~Exists(scored_since))
        .values("attempt__student_id")
    )
    waiting = Q(attempts__assignment=assignment, attempts__kind=Attempt.Kind.QUIZ) & Q(
        attempts__status=Attempt.Status.SUBMITTED, attempts__needs_scoring=True
    )
    ids = set(
        User.objects.filter(memberships__classroom_id=assignment.classroom_id)
        .filter(waiting | Q(pk__in=written))
        .values_list("pk", flat=True)
    )
    return [s for s in classroom_students(classroom=assignment.classroom) if s.pk in ids]


@dataclass
class ScoringQueue:
    """Where a teacher scoring one student after another goes next."""

    next: User | None  # the next student in register order with work waiting, else the first
    waiting: int  # students with work waiting, this one included


def scoring_queue(*, assignment: Assignment, student: User) -> ScoringQueue:
    """The student to score after `student`: the next one in register order whose work waits
    for a score, wrapping round to the first; None when nobody else waits."""
    waiting = students_to_score(assignment=assignment)
    here = student_sort_key(student)
    later = [s for s in waiting if student_sort_key(s) > here]
    others = later or [s for s in waiting if s.pk != student.pk]
    return ScoringQueue(next=others[0] if others else None, waiting=len(waiting))


def _manual_questions(lesson_id: int) -> list[Question]:
    return list(
        Question.objects.filter(lesson_id=lesson_id, type__in=manual_types())
        .exclude(step__kind=StepKind.QUIZ)
        .order_by("step__position", "position", "version")
    )


def _written_items(lesson_attempt: Attempt, assignment: Assignment) -> list[ScoredItem]:
    """The answers to score in the lesson work: current written activities, and older versions
    the student answered."""
    responses = {r.question_id: r for r in Response.objects.filter(attempt=lesson_attempt)}
    history = _history(lesson_attempt)
    result = []
    for number, question in enumerate(_manual_questions(assignment.lesson_id), start=1):
        response = responses.get(question.pk)
        if not question.is_current and response is None:
            continue
        qt = registry.get(question.type)
        item = Item(
            number=number,
            question=question,
            qtype=qt,
            spec=public_spec_for(question, qt, seed=0, shuffle=False),
            response=response.data if response else None,
        )
        scored = _scored(item, history.get(question.pk, []))
        scored.response_updated_at = response.updated_at if response else None
        current = scored.current
        scored.changed_since_scored = bool(
            current and response and response.updated_at > current.created_at
        )
        result.append(scored)
    return result


def _formative(lesson_attempt: Attempt) -> list[dict]:
    """Per activity of the lesson: tries, and whether the first try was right."""
    first: dict[int, Score] = {}
    tries: dict[int, int] = defaultdict(int)
    for score in Score.objects.filter(
        attempt=lesson_attempt, origin=Score.Origin.CHECK
    ).select_related("question", "question__step"):
        tries[score.question_id] += 1
        if score.question_id not in first or score.try_number < first[score.question_id].try_number:
            first[score.question_id] = score
    rows = [
        {
            "question": s.question,
            "step": s.question.step,
            "tries": tries[qid],
            "first_state": s.state,
            "first_points": s.points_earned,
            "points": s.points_possible,
        }
        for qid, s in first.items()
    ]
    rows.sort(key=lambda r: (r["step"].position, r["question"].position))
    return rows
