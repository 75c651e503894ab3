"""One step of a lesson as the student works through it: the document, the activities with
their last check, the quiz step's attempts.

A fixed number of queries whatever the number of sentences, glossary terms, sources or questions
(tests/learning/test_views_query_counts.py). Access is the caller's: pass the student's own
assignment (`classroom.selectors.assignment_get_for_student`) and their own attempt."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import ngettext

from accounts.models import User
from classroom.models import Assignment
from core import rows
from learning import step_html
from lessons.document import GlossaryEntry, SentenceView
from lessons.markdown import render_markdown
from lessons.models import Lesson, ReadingLevel, Source, Step, StepKind
from lessons.parts import PartView, lesson_parts
from lessons.selectors import lesson_stamp
from quizzes import policy
from quizzes.feedback import FeedbackView, feedback_view
from quizzes.models import Attempt, Question, Response, Score
from quizzes.selectors import public_spec_for
from quizzes.types import QuestionType, registry

from .content import lesson_content_get, lesson_content_key
from .step_access import attempts_split, checks_by_question


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


def lesson_attempts_get(
    *, student: User, assignment: Assignment
) -> tuple[Attempt | None, list[Attempt]]:
    """(the lesson-work record as `lesson_work_get` finds it, the quiz attempts in order), in
    one query: a step page needs both (the quiz step's mark and its attempts)."""
    rows = Attempt.objects.filter(student=student, assignment=assignment).order_by("number")
    return attempts_split(rows, assignment)


@dataclass
class StepLink:
    step: Step
    number: int
    is_current: bool
    done: bool
    minutes: int = 0  # core minutes at the student's level
    # Made in Python, as the quiz page's words and addresses: per link (two per step), a
    # {% url %} and a {% blocktranslate count %} cost more than the strings they make.
    url: str = ""
    minutes_label: str = ""


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
    level: str = ReadingLevel.STANDARD
    # Set by learning.step_html.activities_render before rendering.
    controls_html: str = ""
    feedback_html: str = ""

    @property
    def uid(self) -> str:
        return self.question.uid

    @property
    def prompt_html(self):
        """The prompt at the student's reading level."""
        return render_markdown(self.question.prompt_for(self.level))

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
    level: str = ReadingLevel.STANDARD
    leveled: bool = False  # the lesson has simpler texts: offer the switch
    parts: list[PartView] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)  # Step.figures
    timeline: list[dict[str, Any]] = field(default_factory=list)  # when the step shows it
    content_key: str = ""  # names the lesson's content as read: the cache key of its document

    @property
    def citation_keys(self) -> list[str]:
        """The ids citations name, in the order of the lesson's whole list (comparison sources,
        then references): the step page lists none of them, the glossary page all."""
        return [work.key for work in [*self.comparison_sources, *self.references]]

    @property
    def activities_html(self) -> SafeString:
        return step_html.activities_html(self)

    @property
    def number(self) -> int:
        return next(link.number for link in self.steps if link.is_current)

    @property
    def body(self) -> str:
        return self.step.body_for(self.level)

    @property
    def nav_key(self) -> str:
        """Everything the step list (`_step_nav.html`) shows, as its `{% memo %}` key: the
        same key, the same HTML, so it is rendered once per place and steps done."""
        part = self.part
        return repr(
            (
                part and (part.number, part.title, part.core, part.extension),
                len(self.parts),
                [(s.url, s.minutes, s.minutes_label, s.done, s.is_current) for s in self.steps],
            )
        )

    @property
    def part(self) -> PartView | None:
        """The part the current step belongs to (None when the lesson is one period)."""
        if len(self.parts) < 2:
            return None
        return next((p for p in self.parts if p.holds(self.step)), None)


def reading_level_for(*, attempt: Attempt | None, assignment: Assignment) -> str:
    """The reading level a student sees: their own choice for this lesson (on their lesson
    work, `attempt`), else the assignment's."""
    return reading_level_chosen(attempt.reading_level if attempt else None, assignment)


def reading_level_chosen(chosen: str | None, assignment: Assignment) -> str:
    """`reading_level_for` from the student's stored choice itself (`chosen`, None or blank
    when they made none), as the quiz page reads it with its attempt."""
    if chosen in ReadingLevel.values:
        return chosen
    return assignment.reading_level or ReadingLevel.STANDARD


def lesson_step_page(
    *,
    attempt: Attempt,
    assignment: Assignment,
    kind: str,
    quiz_attempts: list[Attempt],
    now: datetime | None = None,
) -> StepPage:
    """Everything one step's page shows, in a fixed number of queries; 404 if the lesson
    has no such step. `quiz_attempts`: the student's, as `lesson_attempts_get` reads them."""
    now = now or timezone.now()
    lesson = assignment.lesson
    content = lesson_content_get(lesson=lesson)  # the same for every student: cached
    steps = content.steps
    current = next((s for s in steps if s.kind == kind), None)
    if current is None:
        raise Http404("This lesson has no such step.")
    sources = content.sources
    questions = content.questions
    answers = _answers(attempt)
    # A check saves its answer first (quizzes.services.activity_check), and answers are never
    # deleted: only an answered activity can have checks, and a step not yet answered (the
    # first visit) needs no query for them.
    answered = [q.pk for q in questions if q.step_id == current.pk and q.pk in answers]
    checks = checks_by_question(attempt, answered)

    by_step: dict[int, list[Question]] = defaultdict(list)
    for question in questions:
        by_step[question.step_id].append(question)

    quiz = None
    quiz_submitted = False
    if current.kind == StepKind.QUIZ or any(s.kind == StepKind.QUIZ for s in steps):
        quiz = _quiz_info(
            attempt, assignment, now, quiz_attempts, item_count=content.quiz_item_count
        )
        quiz_submitted = quiz.latest_submitted is not None

    level = reading_level_for(attempt=attempt, assignment=assignment)
    links, labels = [], {}
    # One reverse() for the page: the steps' addresses differ only in their last segment.
    url_base = reverse("learning:step", args=[assignment.pk, "x"]).removesuffix("x/")
    for number, step in enumerate(steps, start=1):
        on_step = by_step.get(step.pk, [])
        if step.kind == StepKind.QUIZ:
            done = quiz_submitted
        else:
            done = bool(on_step) and all(q.pk in answers for q in on_step)
        minutes = step.minutes_for(level)["core"]
        if minutes not in labels:  # steps share a few lengths: each label translated once
            labels[minutes] = ngettext("%(m)s min", "%(m)s min", minutes) % {"m": minutes}
        label = labels[minutes]
        links.append(
            StepLink(
                step,
                number,
                step.pk == current.pk,
                done,
                minutes,
                url=f"{url_base}{step.kind}/",
                minutes_label=label,
            )
        )
    index = steps.index(current)

    settings = policy.QuizSettings.from_obj(assignment)
    stamp = lesson_stamp(lesson)  # the public specs kept per process under it (shared, read-only)
    activities = [
        _activity(n, q, attempt, settings, answers.get(q.pk), checks.get(q.pk, []), level, stamp)
        for n, q in enumerate(by_step.get(current.pk, []), start=1)
    ]
    leveled = any(s.body_simpler for s in steps) or any(
        q.prompt_simpler or q.spec_simpler for q in questions
    )
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
        paragraphs=content.paragraphs,
        glossary=content.glossary,
        references=content.references,
        activities=activities,
        quiz=quiz if current.kind == StepKind.QUIZ else None,
        closed=policy.is_past(attempt.deadline, now),
        level=level,
        leveled=leveled,
        parts=lesson_parts(lesson, steps, level),
        figures=current.figures,
        timeline=lesson.timeline if current.shows_timeline else [],
        content_key=lesson_content_key(lesson),
    )


def _answers(attempt: Attempt) -> dict[int, Any]:
    """The attempt's answers by question id (one query, written as SQL: composing it with the
    ORM cost ten times what running it does, on every step page)."""
    found = rows.values(Response, ("question_id", "data"), "t.attempt_id = %s", [attempt.pk])
    return dict(found)


def _activity(number, question, attempt, settings, response, checks, level, stamp) -> Activity:
    qt = registry.get_or_missing(question.type)
    spec = public_spec_for(
        question, qt, seed=attempt.seed, shuffle=settings.shuffle_choices, level=level, stamp=stamp
    )
    activity = Activity(number, question, qt, spec, response, tries=len(checks), level=level)
    if checks:
        activity.first_try_state = checks[-1].state
        activity.feedback = check_feedback(
            question=question, spec=spec, score=checks[0], level=level
        )
        if response is not None and checks[0].response_data != response:
            activity.feedback = replace(activity.feedback, changed=True)
    return activity


def check_feedback(
    *, question: Question, spec: dict[str, Any], score: Score, level: str = ReadingLevel.STANDARD
) -> FeedbackView:
    """The formative feedback of one check (a CHECK score row), at the student's level."""
    return feedback_view(
        state=score.state,
        parts=score.parts,
        lines=score.feedback,
        qtype=registry.get_or_missing(question.type),
        public_spec=spec,
        response=score.response_data,
        question_feedback=question.feedback_for(level),
        prose=question.prose_for(level),
        formative=True,
        try_number=score.try_number,
    )


def activity_public_spec(
    *, attempt: Attempt, question: Question, assignment, level: str = ReadingLevel.STANDARD
) -> dict[str, Any]:
    """The public spec of one activity as its step page shows it (same choice order, same
    reading level)."""
    qt = registry.get_or_missing(question.type)
    settings = policy.QuizSettings.from_obj(assignment)
    return public_spec_for(
        question, qt, seed=attempt.seed, shuffle=settings.shuffle_choices, level=level
    )


def _quiz_info(
    attempt: Attempt, assignment: Assignment, now, attempts: list[Attempt], *, item_count: int
) -> QuizInfo:
    settings = policy.QuizSettings.from_obj(assignment)
    submitted = [a for a in attempts if not a.is_open]
    latest = submitted[-1] if submitted else None
    left = None
    if settings.attempts_allowed:
        left = max(0, settings.attempts_allowed - len(attempts))
    review = None
    if latest is not None:
        # The lesson work's deadline is the student's window closing (`policy.release_at`),
        # kept in step with extensions by `attempt_deadlines_refresh`.
        release_at = attempt.deadline or policy.release_at(
            policy.student_window(assignment=assignment)
        )
        review = policy.review_for(settings, submitted=True, due_at=release_at, now=now)
    return QuizInfo(
        attempts=attempts,
        settings=settings,
        item_count=item_count,
        in_progress=next((a for a in attempts if a.is_open), None),
        latest_submitted=latest,
        attempts_left=left,
        review=review,
    )
