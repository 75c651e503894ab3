"""Reads for the student's pages: the dashboard, a lesson step, the skills page.

Each selector runs a fixed number of queries, whatever the number of assignments, sentences,
glossary terms, sources or questions (asserted in tests/lessons/test_views_query_counts.py), then
computes in plain Python. Access is the caller's: pass the student's own assignment
(`classroom.selectors.assignment_get_for_student`) and their own attempt.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from classroom.models import Assignment, Extension
from lessons.document import GlossaryEntry, SentenceView, document_paragraphs, glossary_entries
from lessons.models import Lesson, Skill, Source, Step, StepKind
from quizzes import policy
from quizzes.feedback import FeedbackView, feedback_view
from quizzes.models import Attempt, Question, Response, Score
from quizzes.selectors import public_spec_for
from quizzes.types import GradeState, QuestionType, registry

# ---------------------------------------------------------------------------------------------
# Dashboard
# ---------------------------------------------------------------------------------------------


class Status:
    NOT_OPEN = "not_open"
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    LATE = "late"
    CLOSED = "closed"


STATUS_LABELS = {
    Status.NOT_OPEN: _("Not open yet"),
    Status.NOT_STARTED: _("Not started"),
    Status.IN_PROGRESS: _("In progress"),
    Status.SUBMITTED: _("Submitted"),
    Status.LATE: _("Late"),
    Status.CLOSED: _("Closed"),
}


@dataclass
class AssignmentRow:
    """One assigned lesson as the student's dashboard shows it."""

    assignment: Assignment
    lesson: Lesson
    status: str
    due_at: datetime  # with the student's extension
    closes_at: datetime
    submitted_late: bool = False
    score_earned: Decimal | None = None  # shown only when released
    score_possible: Decimal | None = None
    score_pending: bool = False  # submitted, score not released yet
    current_step: Step | None = None
    step_count: int = 0
    can_work: bool = True

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def current_step_number(self) -> int:
        return self.current_step.position + 1 if self.current_step else 0


def window_for(assignment: Assignment, extension: Extension | None) -> tuple[datetime, datetime]:
    """(due, closes) for one student: an extension moves the due date, late work stops at
    `late_until` when later. The same rule as `quizzes.services` applies to attempts."""
    due_at = assignment.due_at
    if extension is not None and extension.due_at:
        due_at = max(due_at, extension.due_at)
    closes_at = max(due_at, assignment.late_until) if assignment.late_until else due_at
    return due_at, closes_at


def assignments_for_dashboard(*, student: User, now: datetime | None = None) -> list[AssignmentRow]:
    """The student's assignments with status and released score, in 4 queries."""
    now = now or timezone.now()
    assignments = list(
        Assignment.objects.select_related("lesson", "classroom")
        .filter(classroom__memberships__student=student, classroom__archived_at=None)
        .order_by("due_at", "id")
    )
    ids = [a.pk for a in assignments]
    extensions = {
        e.assignment_id: e for e in Extension.objects.filter(student=student, assignment_id__in=ids)
    }
    attempts: dict[int, list[Attempt]] = defaultdict(list)
    for attempt in Attempt.objects.filter(student=student, assignment_id__in=ids).order_by(
        "number"
    ):
        attempts[attempt.assignment_id].append(attempt)
    steps: dict[int, dict[str, Step]] = defaultdict(dict)
    for step in Step.objects.filter(lesson_id__in={a.lesson_id for a in assignments}):
        steps[step.lesson_id][step.kind] = step
    return [
        _dashboard_row(a, extensions.get(a.pk), attempts[a.pk], steps[a.lesson_id], now)
        for a in assignments
    ]


def _dashboard_row(assignment, extension, attempts, steps, now) -> AssignmentRow:
    due_at, closes_at = window_for(assignment, extension)
    lesson_work = next((a for a in attempts if a.kind == Attempt.Kind.LESSON), None)
    quizzes = [a for a in attempts if a.kind == Attempt.Kind.QUIZ]
    submitted = [a for a in quizzes if not a.is_open]
    row = AssignmentRow(
        assignment=assignment,
        lesson=assignment.lesson,
        status=Status.NOT_STARTED,
        due_at=due_at,
        closes_at=closes_at,
        step_count=len(steps),
        current_step=steps.get(lesson_work.current_step) if lesson_work else None,
    )
    if now < assignment.opens_at:
        row.status, row.can_work = Status.NOT_OPEN, False
    elif submitted:
        row.status = Status.SUBMITTED
        row.submitted_late = any(a.submitted_at and a.submitted_at > due_at for a in submitted)
        _set_score(row, assignment, submitted, now)
    elif now > closes_at:
        row.status, row.can_work = Status.CLOSED, lesson_work is not None
    elif now > due_at:
        row.status = Status.LATE
    elif lesson_work is not None or quizzes:
        row.status = Status.IN_PROGRESS
    return row


def _set_score(row: AssignmentRow, assignment, submitted: list[Attempt], now) -> None:
    settings = policy.QuizSettings.from_obj(assignment)
    review = policy.review_for(settings, submitted=True, due_at=assignment.due_at, now=now)
    if not review.score:
        row.score_pending = True
        return
    row.score_earned = policy.combine_attempts(
        settings.grading_method, [a.points_earned or Decimal(0) for a in submitted]
    )
    row.score_possible = submitted[-1].points_possible


# ---------------------------------------------------------------------------------------------
# A lesson step
# ---------------------------------------------------------------------------------------------


def lesson_references(*, lesson: Lesson) -> tuple[list[Source], list]:
    """(comparison sources, references): what citations in prompts and feedback link to
    (2 queries)."""
    sources = list(lesson.sources.filter(kind=Source.Kind.COMPARISON).order_by("position"))
    return sources, list(lesson.references.order_by("position"))


def lesson_work_get(*, student: User, assignment: Assignment) -> Attempt | None:
    """The student's lesson-work record for an assignment (one query), or None before their
    first visit. `quizzes.services.attempt_start(kind=LESSON)` makes it; this only reads."""
    return (
        Attempt.objects.filter(
            student=student,
            lesson_id=assignment.lesson_id,
            assignment=assignment,
            kind=Attempt.Kind.LESSON,
        )
        .order_by("-number")
        .first()
    )


@dataclass
class StepLink:
    step: Step
    number: int
    is_current: bool
    done: bool


@dataclass
class Activity:
    """One formative question on a step, with the student's answer and last check."""

    number: int
    question: Question
    qtype: QuestionType
    spec: dict[str, Any]  # public: never the key
    response: dict[str, Any] | None
    feedback: FeedbackView | None = None
    tries: int = 0
    first_try_state: str = ""
    error: str = ""

    @property
    def uid(self) -> str:
        return self.question.uid

    @property
    def checkable(self) -> bool:
        return self.qtype.auto_graded


@dataclass
class QuizInfo:
    attempts: list[Attempt]
    settings: policy.QuizSettings
    item_count: int
    in_progress: Attempt | None
    latest_submitted: Attempt | None
    attempts_left: int | None  # None: unlimited
    review: policy.Review | None

    @property
    def can_start(self) -> bool:
        return self.in_progress is None and (self.attempts_left is None or self.attempts_left > 0)


@dataclass
class StepPage:
    lesson: Lesson
    assignment: Assignment
    attempt: Attempt
    step: Step
    steps: list[StepLink]
    previous: Step | None
    next: Step | None
    main_source: Source | None
    comparison_sources: list[Source]
    paragraphs: list[list[SentenceView]]
    glossary: list[GlossaryEntry]
    references: list
    activities: list[Activity] = field(default_factory=list)
    quiz: QuizInfo | None = None
    closed: bool = False

    @property
    def number(self) -> int:
        return next(link.number for link in self.steps if link.is_current)


def lesson_step_page(
    *, attempt: Attempt, assignment: Assignment, kind: str, now: datetime | None = None
) -> StepPage:
    """Everything one step's page shows, in 8 queries (9 on the quiz step); 404 if the lesson
    has no such step."""
    now = now or timezone.now()
    lesson = assignment.lesson
    steps = list(Step.objects.filter(lesson=lesson).order_by("position"))
    current = next((s for s in steps if s.kind == kind), None)
    if current is None:
        raise Http404("This lesson has no such step.")
    sources = list(Source.objects.filter(lesson=lesson).order_by("position"))
    sentences = list(lesson.sentences.order_by("position"))
    glossary = list(lesson.glossary.order_by("position"))
    references = list(lesson.references.order_by("position"))
    questions = list(
        Question.objects.filter(lesson=lesson, is_current=True)
        .exclude(step__kind=StepKind.QUIZ)
        .order_by("position")
    )
    answers = dict(Response.objects.filter(attempt=attempt).values_list("question_id", "data"))
    checks = _checks_by_question(attempt, [q.pk for q in questions if q.step_id == current.pk])

    by_step: dict[int, list[Question]] = defaultdict(list)
    for question in questions:
        by_step[question.step_id].append(question)

    quiz = None
    quiz_submitted = False
    if current.kind == StepKind.QUIZ or any(s.kind == StepKind.QUIZ for s in steps):
        quiz = _quiz_info(attempt, assignment, now, count=current.kind == StepKind.QUIZ)
        quiz_submitted = quiz.latest_submitted is not None

    links = []
    for number, step in enumerate(steps, start=1):
        on_step = by_step.get(step.pk, [])
        if step.kind == StepKind.QUIZ:
            done = quiz_submitted
        else:
            done = bool(on_step) and all(q.pk in answers for q in on_step)
        links.append(StepLink(step, number, step.pk == current.pk, done))
    index = steps.index(current)

    entries = glossary_entries(glossary)
    settings = policy.QuizSettings.from_obj(assignment)
    activities = [
        _activity(n, q, attempt, settings, answers.get(q.pk), checks.get(q.pk, []))
        for n, q in enumerate(by_step.get(current.pk, []), start=1)
    ]
    return StepPage(
        lesson=lesson,
        assignment=assignment,
        attempt=attempt,
        step=current,
        steps=links,
        previous=steps[index - 1] if index > 0 else None,
        next=steps[index + 1] if index + 1 < len(steps) else None,
        main_source=next((s for s in sources if s.kind == Source.Kind.MAIN), None),
        comparison_sources=[s for s in sources if s.kind == Source.Kind.COMPARISON],
        paragraphs=document_paragraphs(sentences, glossary, entries),
        glossary=entries,
        references=references,
        activities=activities,
        quiz=quiz if current.kind == StepKind.QUIZ else None,
        closed=policy.is_past(attempt.deadline, now),
    )


def _checks_by_question(attempt: Attempt, question_ids: list[int]) -> dict[int, list[Score]]:
    """Formative checks of these questions, newest first (one query)."""
    checks: dict[int, list[Score]] = defaultdict(list)
    if not question_ids:
        return checks
    for score in Score.objects.filter(
        attempt=attempt, question_id__in=question_ids, origin=Score.Origin.CHECK
    ).order_by("question_id", "-try_number", "-id"):
        checks[score.question_id].append(score)
    return checks


def _activity(number, question, attempt, settings, response, checks: list[Score]) -> Activity:
    qt = registry.get_or_missing(question.type)
    spec = public_spec_for(question, qt, seed=attempt.seed, shuffle=settings.shuffle_choices)
    activity = Activity(number, question, qt, spec, response, tries=len(checks))
    if checks:
        activity.first_try_state = checks[-1].state
        activity.feedback = check_feedback(question=question, spec=spec, score=checks[0])
        if response is not None and checks[0].response_data != response:
            activity.feedback = replace(activity.feedback, changed=True)
    return activity


def check_feedback(*, question: Question, spec: dict[str, Any], score: Score) -> FeedbackView:
    """The formative feedback of one check (a CHECK score row)."""
    return feedback_view(
        state=score.state,
        parts=score.parts,
        lines=score.feedback,
        qtype=registry.get_or_missing(question.type),
        public_spec=spec,
        response=score.response_data,
        question_feedback=question.feedback,
        formative=True,
        try_number=score.try_number,
    )


def activity_public_spec(*, attempt: Attempt, question: Question, assignment) -> dict[str, Any]:
    """The public spec of one activity as its step page shows it (same choice order)."""
    qt = registry.get_or_missing(question.type)
    settings = policy.QuizSettings.from_obj(assignment)
    return public_spec_for(question, qt, seed=attempt.seed, shuffle=settings.shuffle_choices)


def _quiz_info(attempt: Attempt, assignment: Assignment, now, *, count: bool) -> QuizInfo:
    attempts = list(
        Attempt.objects.filter(
            student_id=attempt.student_id, assignment=assignment, kind=Attempt.Kind.QUIZ
        ).order_by("number")
    )
    settings = policy.QuizSettings.from_obj(assignment)
    submitted = [a for a in attempts if not a.is_open]
    latest = submitted[-1] if submitted else None
    item_count = 0
    if count:
        item_count = Question.objects.filter(
            lesson_id=assignment.lesson_id, step__kind=StepKind.QUIZ, is_current=True
        ).count()
    left = None
    if settings.attempts_allowed:
        left = max(0, settings.attempts_allowed - len(attempts))
    review = None
    if latest is not None:
        review = policy.review_for(settings, submitted=True, due_at=assignment.due_at, now=now)
    return QuizInfo(
        attempts=attempts,
        settings=settings,
        item_count=item_count,
        in_progress=next((a for a in attempts if a.is_open), None),
        latest_submitted=latest,
        attempts_left=left,
        review=review,
    )


# ---------------------------------------------------------------------------------------------
# My skills
# ---------------------------------------------------------------------------------------------


@dataclass
class SkillRow:
    skill: str
    label: str
    first_tries: int = 0  # activities checked at least once
    first_try_right: int = 0  # of which right at the first try
    quiz_earned: Fraction = Fraction(0)
    quiz_possible: Fraction = Fraction(0)

    @property
    def first_try_percent(self) -> int | None:
        if not self.first_tries:
            return None
        return round(100 * self.first_try_right / self.first_tries)

    @property
    def quiz_percent(self) -> int | None:
        if not self.quiz_possible:
            return None
        return round(100 * self.quiz_earned / self.quiz_possible)

    @property
    def has_data(self) -> bool:
        return bool(self.first_tries or self.quiz_possible)


def skills_for_student(*, student: User, now: datetime | None = None) -> list[SkillRow]:
    """Progress per skill, in 3 queries: first-try correctness on activities, and quiz points
    on submitted attempts whose score the teacher's settings release."""
    now = now or timezone.now()
    rows = {skill.value: SkillRow(skill.value, str(skill.label)) for skill in Skill}

    first_tries = Score.objects.filter(
        attempt__student=student,
        attempt__kind=Attempt.Kind.LESSON,
        origin=Score.Origin.CHECK,
        try_number=1,
    ).values_list("question__skills", "state")
    for skills, state in first_tries:
        if state == GradeState.UNGRADED:
            continue
        for skill in skills or []:
            if skill in rows:
                rows[skill].first_tries += 1
                rows[skill].first_try_right += state == GradeState.CORRECT

    released = [
        attempt.pk
        for attempt in Attempt.objects.filter(
            student=student, kind=Attempt.Kind.QUIZ, status=Attempt.Status.SUBMITTED
        ).select_related("assignment", "lesson__quiz")
        if _score_released(attempt, now)
    ]
    latest: dict[tuple[int, int], tuple] = {}
    scores = (
        Score.objects.filter(attempt_id__in=released)
        .exclude(origin=Score.Origin.CHECK)
        .order_by("attempt_id", "question_id", "-created_at", "-id")
        .values_list(
            "attempt_id",
            "question_id",
            "question__skills",
            "state",
            "points_earned",
            "points_possible",
        )
    )
    for attempt_id, question_id, *rest in scores:
        latest.setdefault((attempt_id, question_id), tuple(rest))
    for skills, state, earned, possible in latest.values():
        if state == GradeState.UNGRADED:
            continue  # waiting for the teacher: neither right nor wrong yet
        for skill in skills or []:
            if skill in rows:
                rows[skill].quiz_earned += Fraction(earned)
                rows[skill].quiz_possible += Fraction(possible)
    return list(rows.values())


def _score_released(attempt: Attempt, now: datetime) -> bool:
    source = attempt.assignment if attempt.assignment_id else attempt.lesson.quiz
    due_at = attempt.assignment.due_at if attempt.assignment_id else None
    settings = policy.QuizSettings.from_obj(source)
    return policy.review_for(settings, submitted=True, due_at=due_at, now=now).score
