"""A quiz attempt as the student takes it and as they see it once submitted."""

from collections import Counter
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import connection
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from accounts.models import User
from classroom.models import Assignment, Classroom
from core import rows
from learning import take_html
from learning.selectors.step import reading_level_for
from learning.translations import ReaderTranslation, items_translated
from lessons.models import Lesson, ReadingLevel, StepKind
from lessons.selectors import lesson_references, lesson_references_html
from quizzes import policy, selectors
from quizzes.controls import controls_render
from quizzes.feedback import FeedbackView, Verdict, review_view
from quizzes.models import Attempt, Question, Quiz, Response
from quizzes.selectors import Item
from quizzes.types import GradeState, registry

# A deadline this close is shown as a countdown even without a time limit (the assignment closes).
COUNTDOWN_WITHOUT_LIMIT = timedelta(hours=2)


@dataclass
class TakeItem(Item):
    """An item of the quiz page with its words and address made in Python: per item, a
    template tag costs more than the string it makes."""

    heading: str = ""
    points_label: str = ""
    save_url: str = ""


@dataclass
class TakePage:
    attempt: Attempt
    items: list[TakeItem]
    references_html: str  # the lesson's reference list, drawn (lessons.selectors)
    remaining_seconds: int | None  # the server's count: the browser's countdown starts from it
    timed: bool
    answered: int
    has_errors: bool = False

    @property
    def items_html(self) -> str:
        return take_html.items_html(self.items)

    @property
    def unanswered_html(self) -> str:
        return take_html.unanswered_html(self.items)


# The quiz page's read, the most frequent page of all: `attempt_get_for_student(reading_level=
# True)` written as SQL (core.rows), as composing it with the ORM (four joins, a subquery)
# cost ten times more than running it: the same columns, instances and 404.
_TAKE = """
SELECT {a}, {l}, {qz}, {asg}, {c}, (
           SELECT w.reading_level FROM {attempts} w
           WHERE w.student_id = a.student_id AND w.assignment_id = a.assignment_id
             AND w.kind = %s
           ORDER BY w.number DESC LIMIT 1)
FROM {attempts} a
JOIN {lessons} l ON l.id = a.lesson_id
LEFT JOIN {quizzes} qz ON qz.lesson_id = l.id
LEFT JOIN {assignments} asg ON asg.id = a.assignment_id
LEFT JOIN {classrooms} c ON c.id = asg.classroom_id
WHERE a.id = %s AND a.student_id = %s
"""
_BIGINT = 2**63


def attempt_get_for_taking(*, student: User, pk: int) -> Attempt:
    """The quiz page's attempt, as `quizzes.selectors.attempt_get_for_student(reading_level=
    True)` gives it (with its lesson and quiz, assignment and class, and `work_level`), in
    one SQL query (`_TAKE`); 404 if it is not the student's."""
    if not 0 < pk < _BIGINT:
        raise Http404("No such attempt.")  # not an id the table can hold
    parts = {
        "a": (Attempt, rows.fields_of(Attempt)),
        "l": (Lesson, rows.fields_of(Lesson, skip=selectors.LESSON_CONTENT)),
        "qz": (Quiz, rows.fields_of(Quiz)),
        "asg": (Assignment, rows.fields_of(Assignment)),
        "c": (Classroom, rows.fields_of(Classroom)),
    }
    sql = _TAKE.format(
        **{alias: rows.columns(alias, fields) for alias, (_model, fields) in parts.items()},
        attempts=Attempt._meta.db_table,
        lessons=Lesson._meta.db_table,
        quizzes=Quiz._meta.db_table,
        assignments=Assignment._meta.db_table,
        classrooms=Classroom._meta.db_table,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [Attempt.Kind.LESSON, pk, student.pk])
        row = cursor.fetchone()
    if row is None:
        raise Http404("No such attempt.")
    attempt, lesson, quiz, assignment, classroom = rows.instances(row, parts.values())
    attempt.work_level = row[-1]
    lesson.quiz = quiz
    attempt.lesson = lesson
    if assignment is not None:
        assignment.classroom = classroom
    attempt.assignment = assignment
    return attempt


def attempt_take_page(
    *,
    attempt: Attempt,
    translation: ReaderTranslation | None = None,
    items: list[Item] | None = None,
    now: datetime | None = None,
) -> TakePage:
    """The quiz page, its questions in the reader's `translation` if it is active. `items`
    are the attempt's items as the page shows them (answers that could not be saved carry
    their error); by default as stored."""
    now = now or timezone.now()
    level = _reading_level(attempt)
    if items is None:
        questions = (
            selectors.quiz_questions_cached(attempt=attempt)
            if attempt.kind == Attempt.Kind.QUIZ
            else None
        )
        items = selectors.attempt_items(attempt=attempt, level=level, questions=questions)
    else:
        items = [selectors.item_at_level(i, attempt=attempt, level=level) for i in items]
    remaining, timed = None, False
    if attempt.deadline is not None:
        left = attempt.deadline - now
        remaining = max(0, int(left.total_seconds()))
        limit = policy.attempt_settings(attempt).time_limit_minutes
        timed = bool(limit) or left <= COUNTDOWN_WITHOUT_LIMIT
    items = _take_items(attempt, items, level)
    if translation is not None:  # before the controls are drawn, so they are drawn once
        items = items_translated(items, translation)
    controls_render(items, disabled=False)
    return TakePage(
        attempt=attempt,
        items=items,
        references_html=lesson_references_html(lesson=attempt.lesson),
        remaining_seconds=remaining,
        timed=timed,
        answered=sum(item.response is not None for item in items),
        has_errors=any(item.error for item in items),
    )


def _take_items(attempt: Attempt, items: list[Item], level: str) -> list[TakeItem]:
    # One reverse() for the page: the autosave URLs differ only in their last segment.
    save_base = reverse("learning:response_save", args=[attempt.pk, 0]).removesuffix("0/")
    made = []
    for item in items:
        values = {f.name: getattr(item, f.name) for f in fields(Item)}
        points = item.question.points
        made.append(
            TakeItem(
                **{**values, "level": level},
                heading=gettext("Question %(n)s") % {"n": item.number},
                points_label=ngettext("%(points)s point", "%(points)s points", points)
                % {"points": points},
                save_url=f"{save_base}{item.question.pk}/",
            )
        )
    return made


def _reading_level(attempt: Attempt) -> str:
    """The student's reading level for the lesson: the quiz's instructions read at the level
    of the lesson's other texts. `attempt_get_for_student` reads their choice with the attempt
    (`work_level`); otherwise one query."""
    if attempt.assignment is None:
        return ReadingLevel.STANDARD
    if hasattr(attempt, "work_level"):
        chosen = attempt.work_level
    else:
        chosen = (
            Attempt.objects.filter(pk=attempt.pk)
            .annotate(level=selectors.work_level())
            .values_list("level", flat=True)
            .first()
        )
    return reading_level_for(
        attempt=Attempt(reading_level=chosen or ""), assignment=attempt.assignment
    )


@dataclass(frozen=True)
class Pending:
    """What the teacher still scores, and what it counts for: the quiz's written answers, and
    the lesson's written answers, which the assignment's grade adds to the quiz's points
    (docs/decisions/0004-assignment-grade.md)."""

    quiz_answers: int = 0
    quiz_points: Decimal = Decimal(0)
    written_points: Decimal = Decimal(0)  # every written answer of the lesson, scored or not
    written_earned: Decimal | None = None  # None: none scored yet
    written_waiting: bool = False  # some are not scored yet
    grade_possible: Decimal | None = None  # the quiz's points and the written answers'


@dataclass
class ResultPage:
    attempt: Attempt
    review: policy.Review
    rows: list[tuple[Item, FeedbackView | None]]
    sources: list = field(default_factory=list)
    references: list = field(default_factory=list)
    percent: int | None = None
    tally: list[tuple[Verdict, int]] = field(default_factory=list)
    pending: Pending = Pending()
    regrades: list = field(default_factory=list)  # (item number, score): regraded after a key fix


def attempt_result_page(*, attempt: Attempt, now: datetime | None = None) -> ResultPage:
    """A submitted attempt: the score, feedback and key as far as the settings release them;
    with the score, its percentage, how many answers were right, partly right, wrong or left
    blank, and what the teacher still has to score."""
    review = selectors.attempt_review(attempt=attempt, now=now)
    items = selectors.attempt_items(
        attempt=attempt, with_scores=review.feedback, level=_reading_level(attempt)
    )
    page = result_page_build(attempt=attempt, review=review, items=items)
    if review.feedback:
        page.sources, page.references = lesson_references(lesson=attempt.lesson)
    if review.score:
        page.pending = _pending(attempt, page.rows)
        page.regrades = (
            [(i.number, i.score) for i in items if i.score and i.score.origin == "regrade"]
            if review.feedback  # the items hold their scores already
            else selectors.attempt_regrades(attempt=attempt)
        )
    return page


def result_page_build(*, attempt: Attempt, review: policy.Review, items: list[Item]) -> ResultPage:
    """The result page from what was read: pure, so that a test renders it for any answer to
    any question type (tests/learning/test_result_key_withheld.py)."""
    page = ResultPage(
        attempt=attempt,
        review=review,
        rows=[(item, _review_feedback(item, review)) for item in items],
    )
    if review.feedback:
        verdicts = Counter(feedback.verdict for _item, feedback in page.rows if feedback)
        page.tally = [(verdict, verdicts[verdict]) for verdict in Verdict if verdicts[verdict]]
    if review.score:
        page.percent = policy.percent(attempt.points_earned, attempt.points_possible)
    return page


def _pending(attempt: Attempt, rows: list[tuple[Item, FeedbackView | None]]) -> Pending:
    waiting = [item for item, feedback in rows if feedback and feedback.is_ungraded]
    quiz_points = sum((item.score.points_possible for item in waiting), Decimal(0))
    if not attempt.assignment_id:
        return Pending(len(waiting), quiz_points)
    # The lesson's written answers: its current activities that are never scored
    # automatically (the same rule as the teacher's grid, classroom.selectors.class_progress).
    manual = [qt.key for qt in registry if not qt.auto_graded]
    written = dict(
        Question.objects.filter(lesson_id=attempt.lesson_id, is_current=True, type__in=manual)
        .exclude(step__kind=StepKind.QUIZ)
        .values_list("pk", "points")
    )
    if not written:
        return Pending(len(waiting), quiz_points)
    work = Attempt.objects.filter(
        assignment_id=attempt.assignment_id, student_id=attempt.student_id, kind=Attempt.Kind.LESSON
    )
    scored = {
        question_id: score
        for (_a, question_id), score in selectors.scores_latest(attempts=work).items()
        if question_id in written and score.state != GradeState.UNGRADED
    }
    answered = dict(
        Response.objects.filter(attempt__in=work, question_id__in=written).values_list(
            "question_id", "updated_at"
        )
    )
    return Pending(
        quiz_answers=len(waiting),
        quiz_points=quiz_points,
        written_points=Decimal(sum(written.values())),
        written_earned=sum((s.points_earned for s in scored.values()), Decimal(0))
        if scored
        else None,
        # Written and not scored since (an answer never written counts 0, as on the grid).
        written_waiting=any(
            question_id not in scored or scored[question_id].created_at < updated_at
            for question_id, updated_at in answered.items()
        ),
        grade_possible=(attempt.points_possible or Decimal(0)) + sum(written.values()),
    )


def _review_feedback(item: Item, review: policy.Review) -> FeedbackView | None:
    """A submitted answer as far as the settings release it now (`feedback.review_view`);
    None when nothing is released (or the item was not scored)."""
    if item.score is None:
        return None
    return review_view(
        review=review,
        state=item.score.state,
        parts=item.score.parts,
        lines=item.score.feedback,
        qtype=item.qtype,
        public_spec=item.spec,
        response=item.response,
        question_feedback=item.question.feedback_for(item.level),
        prose=item.question.prose_for(item.level),
        points_earned=item.score.points_earned,
        points_possible=item.score.points_possible,
    )
