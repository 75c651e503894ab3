"""Writes on attempts: start, save an answer, submit, check an activity, score, regrade.

Every function takes `now` so that deadlines are decided by the server's clock, once, and tests
can pass their own. Access (is this the student's attempt?) is checked by the caller through
`quizzes.selectors`; these functions enforce the rules of the quiz itself."""

import random
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from fractions import Fraction

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from accounts.models import User
from lessons.models import Lesson, StepKind
from privacy.models import AuditEntry
from privacy.services import audit_record

from . import policy
from .errors import Code, QuizError
from .models import Attempt, Question, Response, Score
from .types import ResponseError, registry


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def _window_for(*, student: User, assignment) -> policy.Window:
    if assignment is None:
        return policy.Window()
    extension = assignment.extensions.filter(student=student).first()
    due_at = assignment.due_at
    extra = 0
    if extension is not None:
        due_at = max(due_at, extension.due_at or due_at)
        extra = extension.extra_minutes
    closes_at = max(due_at, assignment.late_until) if assignment.late_until else due_at
    return policy.Window(
        opens_at=assignment.opens_at, due_at=due_at, closes_at=closes_at, extra_minutes=extra
    )


def settings_for(*, lesson: Lesson, assignment) -> policy.QuizSettings:
    if assignment is not None:
        return policy.QuizSettings.from_obj(assignment)
    return policy.QuizSettings.from_obj(lesson.quiz)


def _check_window(window: policy.Window, now: datetime) -> None:
    if window.opens_at is not None and now < window.opens_at:
        raise QuizError(Code.NOT_OPEN)
    if policy.is_past(window.closes_at, now):
        raise QuizError(Code.CLOSED)


@transaction.atomic
def attempt_start(
    *,
    student: User,
    lesson: Lesson,
    assignment=None,
    kind: str = Attempt.Kind.QUIZ,
    now: datetime | None = None,
) -> Attempt:
    """Start an attempt, or return the one already in progress (a double click starts one)."""
    now = _now(now)
    existing = Attempt.objects.filter(
        student=student, lesson=lesson, assignment=assignment, kind=kind
    ).order_by("-number")
    latest = existing.first()
    if latest is not None and latest.is_open:
        return latest
    if kind == Attempt.Kind.LESSON and latest is not None:
        return latest  # one record of lesson work per assignment

    window = _window_for(student=student, assignment=assignment)
    _check_window(window, now)
    settings = settings_for(lesson=lesson, assignment=assignment)
    number = latest.number + 1 if latest else 1
    if (
        kind == Attempt.Kind.QUIZ
        and settings.attempts_allowed
        and number > settings.attempts_allowed
    ):
        raise QuizError(Code.NO_ATTEMPTS_LEFT)

    seed = secrets.randbelow(2**31)
    item_order: list[int] = []
    deadline = window.closes_at
    if kind == Attempt.Kind.QUIZ:
        item_order = list(
            Question.objects.filter(lesson=lesson, step__kind=StepKind.QUIZ, is_current=True)
            .order_by("position")
            .values_list("id", flat=True)
        )
        if settings.shuffle_items:
            random.Random(seed).shuffle(item_order)  # order, not secrecy  # noqa: S311  # nosec B311
        deadline = policy.attempt_deadline(started_at=now, settings=settings, window=window)
    try:
        with transaction.atomic():
            return Attempt.objects.create(
                student=student,
                lesson=lesson,
                assignment=assignment,
                kind=kind,
                number=number,
                item_order=item_order,
                seed=seed,
                started_at=now,
                deadline=deadline,
            )
    except IntegrityError:
        # Another request started the same attempt a moment ago: use that one.
        return Attempt.objects.get(
            student=student, lesson=lesson, assignment=assignment, kind=kind, number=number
        )


def _questions_in(attempt: Attempt, question_ids) -> dict[int, Question]:
    """The questions this attempt may answer among `question_ids` (one query)."""
    if attempt.kind == Attempt.Kind.QUIZ:
        allowed = set(question_ids) & set(attempt.item_order)
        return Question.objects.in_bulk(allowed)
    return {
        q.pk: q
        for q in Question.objects.filter(
            pk__in=list(question_ids), lesson_id=attempt.lesson_id, is_current=True
        ).exclude(step__kind=StepKind.QUIZ)
    }


@dataclass
class SaveResult:
    saved: dict[int, Response]
    errors: dict[int, QuizError]


def responses_save(
    *,
    attempt: Attempt,
    answers: Mapping[int, object],
    now: datetime | None = None,
    known: Mapping[int, Question] | None = None,
) -> SaveResult:
    """Save several answers at once (the page's form without JavaScript), in a fixed number of
    queries. An answer that cannot be read is reported and the others are still saved.

    The attempt row is locked and re-read, so an answer racing a submit (another tab, a slow
    network) either lands before the submit or is refused: never stored after grading."""
    now = _now(now)
    questions = dict(known) if known is not None else _questions_in(attempt, answers.keys())
    errors: dict[int, QuizError] = {}
    clean: dict[int, dict] = {}
    for qid, data in answers.items():
        if qid not in questions:
            errors[qid] = QuizError(Code.UNKNOWN_QUESTION)
            continue
        try:
            clean[qid] = _parse_for(questions[qid], data)
        except QuizError as error:
            errors[qid] = error
    saved: dict[int, Response] = {}
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().only("status", "deadline").get(pk=attempt.pk)
        if not locked.is_open:
            raise QuizError(Code.ATTEMPT_SUBMITTED)
        overdue = policy.is_past(locked.deadline, now)
        if not overdue and clean:
            saved = _upsert(attempt, questions, clean, timezone.now())
    if overdue:
        if attempt.kind == Attempt.Kind.QUIZ:
            attempt_submit(attempt=attempt, now=now, auto=True)
            raise QuizError(Code.TIME_UP)
        raise QuizError(Code.CLOSED)
    return SaveResult(saved=saved, errors=errors)


# Written as SQL because the ORM's upsert cannot raise the revision only when the answer changed.
# Both databases run it: SQLite has had RETURNING since 3.35. `{differs}` compares the stored
# answer: jsonb by value on PostgreSQL, the JSON text on SQLite (Django writes it canonically).
_UPSERT = """
INSERT INTO quizzes_response (attempt_id, question_id, data, revision, created_at, updated_at)
VALUES {rows}
ON CONFLICT (attempt_id, question_id) DO UPDATE
SET data = excluded.data, revision = quizzes_response.revision + 1,
    updated_at = excluded.updated_at
WHERE quizzes_response.data {differs} excluded.data
RETURNING question_id, id, revision
"""


def _upsert(attempt: Attempt, questions, clean: dict[int, dict], now: datetime) -> dict:
    """Every answer in one statement: a new answer is inserted at revision 1, a changed one is
    updated and its revision goes up by one, an unchanged one is left as it is. A row that
    another tab inserted a moment ago is taken over, not reported as an error."""
    data_field = Response._meta.get_field("data")
    stamp = Response._meta.get_field("updated_at").get_db_prep_save(now, connection)
    params: list = []
    for qid, data in clean.items():
        params += [attempt.pk, qid, data_field.get_db_prep_save(data, connection), stamp, stamp]
    sql = _UPSERT.format(
        rows=", ".join(["(%s, %s, %s, 1, %s, %s)"] * len(clean)),
        differs="IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT",
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        written = {qid: (pk, revision) for qid, pk, revision in cursor.fetchall()}
    saved = {
        qid: Response(
            pk=pk, attempt=attempt, question=questions[qid], data=clean[qid], revision=revision
        )
        for qid, (pk, revision) in written.items()
    }
    unchanged = [qid for qid in clean if qid not in written]
    if unchanged:
        for response in Response.objects.filter(attempt=attempt, question_id__in=unchanged):
            response.question = questions[response.question_id]
            saved[response.question_id] = response
    return {qid: saved[qid] for qid in clean}


def response_save(
    *,
    attempt: Attempt,
    question_id: int,
    data,
    now: datetime | None = None,
    question: Question | None = None,
) -> Response:
    """Save one answer (autosave). Saving the same answer again is the same row, unchanged.

    `question`: the caller already read it through the attempt (`attempt_item`), so it is not
    read again."""
    known = {question_id: question} if question is not None and question.pk == question_id else None
    result = responses_save(attempt=attempt, answers={question_id: data}, now=now, known=known)
    if question_id in result.errors:
        raise result.errors[question_id]
    return result.saved[question_id]


def _parse_for(question: Question, data) -> dict:
    qt = registry.get(question.type)
    try:
        response = qt.parse_response(data, qt.parse_spec(question.spec))
    except ResponseError as error:
        raise QuizError(Code.INVALID_RESPONSE, error.message) from error
    return qt.dump_response(response)


@dataclass(frozen=True)
class Graded:
    question: Question
    points_earned: Decimal
    points_possible: Decimal
    state: str
    fraction: Fraction
    result: dict


def _grade(question: Question, data: dict | None) -> Graded:
    """Grade one stored answer against the question version it answered."""
    qt = registry.get(question.type)
    spec = qt.parse_spec(question.spec)
    response = qt.empty_response(spec) if data is None else qt.parse_response(data, spec)
    result = qt.grade(spec, response)
    return Graded(
        question=question,
        points_earned=policy.points_for(result.fraction, question.points),
        points_possible=Decimal(question.points),
        state=str(result.state),
        fraction=result.fraction,
        result=result.as_dict(),
    )


def _score_row(attempt: Attempt, graded: Graded, origin: str, **extra) -> Score:
    return Score(
        attempt=attempt,
        question=graded.question,
        origin=origin,
        state=graded.state,
        fraction=str(graded.fraction),
        points_earned=graded.points_earned,
        points_possible=graded.points_possible,
        parts=graded.result["parts"],
        feedback=graded.result["feedback"],
        **extra,
    )


def attempt_submit(*, attempt: Attempt, now: datetime | None = None, auto: bool = False) -> Attempt:
    """Grade every item once and close the attempt. Submitting again changes nothing."""
    now = _now(now)
    with transaction.atomic():
        # The row lock makes a second, concurrent submit wait, then see SUBMITTED.
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if not locked.is_open:
            return locked
        questions = Question.objects.in_bulk(locked.item_order)
        answers = dict(Response.objects.filter(attempt=locked).values_list("question_id", "data"))
        rows = [
            _score_row(locked, _grade(questions[qid], answers.get(qid)), Score.Origin.SUBMIT)
            for qid in locked.item_order
        ]
        Score.objects.bulk_create(rows)
        locked.status = Attempt.Status.SUBMITTED
        locked.submitted_at = now
        locked.auto_submitted = auto
        locked.points_earned = sum((row.points_earned for row in rows), Decimal(0))
        locked.points_possible = sum((row.points_possible for row in rows), Decimal(0))
        locked.needs_scoring = any(not registry.get(q.type).auto_graded for q in questions.values())
        locked.save(
            update_fields=[
                "status",
                "submitted_at",
                "auto_submitted",
                "points_earned",
                "points_possible",
                "needs_scoring",
            ]
        )
    return locked


def activity_check(
    *, attempt: Attempt, question_id: int, data, now: datetime | None = None
) -> Score:
    """A formative try: save the answer, grade it at once, keep every try (the first counts
    for the teacher's view of first-try correctness)."""
    now = _now(now)
    if attempt.kind != Attempt.Kind.LESSON:
        raise QuizError(Code.UNKNOWN_QUESTION)
    response = response_save(attempt=attempt, question_id=question_id, data=data, now=now)
    graded = _grade(response.question, response.data)
    tries = Score.objects.filter(
        attempt=attempt, question=response.question, origin=Score.Origin.CHECK
    ).count()
    score = _score_row(
        attempt, graded, Score.Origin.CHECK, response_data=response.data, try_number=tries + 1
    )
    score.save()
    return score


def _totals_refresh(attempt: Attempt) -> None:
    """Recompute an attempt's totals from the newest score of each question."""
    latest: dict[int, Score] = {}
    for score in Score.objects.filter(attempt=attempt).exclude(origin=Score.Origin.CHECK):
        latest.setdefault(score.question_id, score)  # Meta.ordering: newest first
    attempt.points_earned = sum((s.points_earned for s in latest.values()), Decimal(0))
    attempt.points_possible = sum((s.points_possible for s in latest.values()), Decimal(0))
    attempt.needs_scoring = any(s.state == "ungraded" for s in latest.values())
    attempt.save(update_fields=["points_earned", "points_possible", "needs_scoring"])


@transaction.atomic
def score_set(
    *,
    attempt: Attempt,
    question: Question,
    points: Decimal,
    by: User,
    reason: str,
    origin: str = Score.Origin.OVERRIDE,
) -> Score:
    """A teacher's score for one item (an override, or scoring free text). Earlier scores stay."""
    if attempt.is_open:
        raise QuizError(Code.NOT_ALLOWED, "Score an attempt once it is submitted.")
    if question.pk not in attempt.item_order:
        raise QuizError(Code.UNKNOWN_QUESTION)
    return _teacher_score(
        attempt=attempt, question=question, points=points, by=by, reason=reason, origin=origin
    )


def _teacher_score(
    *,
    attempt: Attempt,
    question: Question,
    points: Decimal,
    by: User,
    reason: str,
    origin: str,
    response_data=None,
) -> Score:
    """Add a teacher's Score row, refresh the attempt's totals and write the audit entry."""
    possible = Decimal(question.points)
    if not Decimal(0) <= points <= possible:
        raise QuizError(Code.INVALID_RESPONSE, f"Points must be between 0 and {possible}.")
    fraction = Fraction(points) / question.points
    state = "correct" if fraction == 1 else "incorrect" if fraction == 0 else "partial"
    score = Score.objects.create(
        attempt=attempt,
        question=question,
        origin=origin,
        state=state,
        fraction=str(fraction),
        points_earned=points,
        points_possible=possible,
        response_data=response_data,
        created_by=by,
        reason=reason.strip(),
    )
    previous_total = attempt.points_earned
    _totals_refresh(attempt)
    audit_record(
        action=AuditEntry.Action.SCORE_OVERRIDE,
        actor=by,
        subject_user_id=attempt.student_id,
        reason=score.reason,
        attempt=attempt.pk,
        question=question.key,
        origin=origin,
        points=str(points),
        attempt_total_before=str(previous_total),
        attempt_total_after=str(attempt.points_earned),
    )
    return score


@dataclass(frozen=True)
class ScoreChange:
    attempt_id: int
    question_key: str
    before: Decimal
    after: Decimal


@transaction.atomic
def attempts_regrade(*, lesson: Lesson) -> list[ScoreChange]:
    """Grade every submitted quiz answer of a lesson again against its question's current spec
    (after a key fix). A changed score is added as a REGRADE row; teacher scores are kept."""
    changes: list[ScoreChange] = []
    attempts = Attempt.objects.filter(
        lesson=lesson, kind=Attempt.Kind.QUIZ, status=Attempt.Status.SUBMITTED
    )
    questions = {q.pk: q for q in Question.objects.filter(lesson=lesson)}
    answers = {
        (r.attempt_id, r.question_id): r.data for r in Response.objects.filter(attempt__in=attempts)
    }
    latest: dict[tuple[int, int], Score] = {}
    for score in Score.objects.filter(attempt__in=attempts).exclude(origin=Score.Origin.CHECK):
        latest.setdefault((score.attempt_id, score.question_id), score)
    touched: set[int] = set()
    new_rows = []
    for attempt in attempts:
        for qid in attempt.item_order:
            previous = latest.get((attempt.pk, qid))
            if previous and previous.origin in (Score.Origin.OVERRIDE, Score.Origin.TEACHER):
                continue
            graded = _grade(questions[qid], answers.get((attempt.pk, qid)))
            before = previous.points_earned if previous else Decimal(0)
            if previous is None or graded.points_earned != before:
                new_rows.append(_score_row(attempt, graded, Score.Origin.REGRADE))
                changes.append(
                    ScoreChange(attempt.pk, questions[qid].key, before, graded.points_earned)
                )
                touched.add(attempt.pk)
    Score.objects.bulk_create(new_rows)
    for attempt in attempts:
        if attempt.pk in touched:
            _totals_refresh(attempt)
    return changes


# --- Teacher-side writes (appended for the teacher pages, issue 6) ----------------------------


@transaction.atomic
def activity_score(
    *,
    attempt: Attempt,
    question: Question,
    points: Decimal,
    by: User,
    reason: str = "",
) -> Score:
    """A teacher's score for a lesson activity that is never scored automatically (the
    reflection). Lesson work has no submit, so the attempt may still be open; the answer that
    was scored is kept in the row (`response_data`), so a later edit shows as changed. Earlier
    scores stay; the newest counts, as everywhere."""
    if attempt.kind != Attempt.Kind.LESSON:
        raise QuizError(Code.UNKNOWN_QUESTION, "Quiz items are scored with score_set.")
    if question.lesson_id != attempt.lesson_id or question.step.kind == StepKind.QUIZ:
        raise QuizError(Code.UNKNOWN_QUESTION)
    if registry.get(question.type).auto_graded:
        raise QuizError(Code.NOT_ALLOWED, "This activity is scored automatically.")
    response = Response.objects.filter(attempt=attempt, question=question).first()
    if response is None:
        raise QuizError(Code.NOT_ALLOWED, "There is no answer to score yet.")
    return _teacher_score(
        attempt=attempt,
        question=question,
        points=points,
        by=by,
        reason=reason,
        origin=Score.Origin.TEACHER,
        response_data=response.data,
    )


@transaction.atomic
def attempt_deadlines_refresh(*, assignment, student: User | None = None) -> int:
    """Recompute the deadline of open attempts on an assignment (one student's, or everyone's)
    after its window changed: an extension, extra minutes, new dates. The rule is the one
    `attempt_start` applies, so a student mid-quiz gets the extra time at once. Returns how
    many attempts changed."""
    open_attempts = Attempt.objects.select_for_update(of=("self",)).filter(
        assignment=assignment, status=Attempt.Status.IN_PROGRESS
    )
    if student is not None:
        open_attempts = open_attempts.filter(student=student)
    settings = settings_for(lesson=assignment.lesson, assignment=assignment)
    windows: dict[int, policy.Window] = {}
    changed = []
    for attempt in open_attempts.select_related("student").order_by("pk"):
        if attempt.student_id not in windows:
            windows[attempt.student_id] = _window_for(
                student=attempt.student, assignment=assignment
            )
        window = windows[attempt.student_id]
        if attempt.kind == Attempt.Kind.QUIZ:
            deadline = policy.attempt_deadline(
                started_at=attempt.started_at, settings=settings, window=window
            )
        else:
            deadline = window.closes_at
        if deadline != attempt.deadline:
            attempt.deadline = deadline
            changed.append(attempt)
    Attempt.objects.bulk_update(changed, ["deadline"])
    return len(changed)
