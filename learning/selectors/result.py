"""A submitted quiz attempt as its student sees it: the score, the feedback and the key as far
as the settings release them, and what the teacher still has to score.

Each item shows the student's answer (the disabled controls) and the feedback on it, both from
the cache of rendered HTML (`quizzes.controls`): the controls keyed on the question, the spec
in the student's order, the prompt at their level and the answer; the feedback on its whole
view (`FeedbackView`: verdict, parts and lines as far as the settings release them, in the
reader's translation). Students who gave the same answer share an entry, and an edited
question, a new score, a regrade or a released key is another key, never a stale entry."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext

from core.fragments import TIMEOUT, fragments_render
from core.local_cache import LocalCache
from learning import result_html
from learning.translations import ReaderTranslation, rows_translated
from lessons.models import Lesson, StepKind
from lessons.selectors import lesson_references_html, lesson_stamp
from quizzes import policy, selectors
from quizzes.controls import controls_fragment, feedback_fragment
from quizzes.feedback import FeedbackView, Verdict, review_view
from quizzes.models import Attempt, Question, Response
from quizzes.selectors import Item
from quizzes.types import GradeState, registry

from .attempt import _reading_level


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
class ResultRow:
    """One item of the page with its words and HTML made ahead: per item, a template tag
    costs more than the string it makes, and an include more than a cache read."""

    item: Item
    feedback: FeedbackView | None
    heading: str = ""
    points_label: str = ""  # "earned of possible", when the feedback gives the points
    feedback_html: str = ""


@dataclass
class ResultPage:
    attempt: Attempt
    review: policy.Review
    rows: list[ResultRow]
    rows_html: str = ""  # the rows' cards (learning.result_html)
    references_html: str = ""  # the list citations link to
    percent: int | None = None
    tally: list[tuple[Verdict, int, str]] = field(default_factory=list)  # and the verdict's icon
    pending: Pending = Pending()
    regrades: list = field(default_factory=list)  # (item number, score): regraded after a key fix


def attempt_result_page(
    *,
    attempt: Attempt,
    translation: ReaderTranslation | None = None,
    now: datetime | None = None,
) -> ResultPage:
    """A submitted attempt: the score, feedback and key as far as the settings release them;
    with the score, its percentage, how many answers were right, partly right, wrong or left
    blank, and what the teacher still has to score. The items are read only when the
    feedback shows them."""
    review = selectors.attempt_review(attempt=attempt, now=now)
    items = (
        selectors.attempt_items(attempt=attempt, with_scores=True, level=_reading_level(attempt))
        if review.feedback
        else []
    )
    page = result_page_build(attempt=attempt, review=review, items=items, translation=translation)
    if review.feedback:  # citations in prompts and feedback link to the list
        page.references_html = lesson_references_html(lesson=attempt.lesson)
    if review.score:
        page.pending = _pending(attempt, page.rows)
        page.regrades = (
            [(i.number, i.score) for i in items if i.score and i.score.origin == "regrade"]
            if review.feedback  # the items hold their scores already
            else selectors.attempt_regrades(attempt=attempt)
        )
    return page


def result_page_build(
    *,
    attempt: Attempt,
    review: policy.Review,
    items: list[Item],
    translation: ReaderTranslation | None = None,
) -> ResultPage:
    """The result page from what was read, in the reader's `translation`: apart from the cache
    of its HTML, pure, so that a test renders it for any answer to any question type
    (tests/learning/test_result_key_withheld.py)."""
    rows = [(item, _review_feedback(item, review)) for item in items]
    if translation is not None:
        rows = rows_translated(rows, translation)
    page = ResultPage(attempt=attempt, review=review, rows=_rows(rows))
    page.rows_html = result_html.rows_html(page.rows)
    if review.feedback:
        verdicts = Counter(row.feedback.verdict for row in page.rows if row.feedback)
        page.tally = [
            (verdict, verdicts[verdict], result_html.verdict_icon(verdict))
            for verdict in Verdict
            if verdicts[verdict]
        ]
    if review.score:
        page.percent = policy.percent(attempt.points_earned, attempt.points_possible)
    return page


def _rows(rows: list[tuple[Item, FeedbackView | None]]) -> list[ResultRow]:
    """The rows with their words, and their answers and feedback as HTML (one cache read)."""
    made = [
        ResultRow(
            item=item,
            feedback=feedback,
            heading=gettext("Question %(n)s") % {"n": item.number},
            points_label=gettext("%(earned)s of %(possible)s")
            % {
                "earned": floatformat(feedback.points_earned, "-2"),
                "possible": floatformat(feedback.points_possible, "-2"),
            }
            if feedback and feedback.points_possible is not None
            else "",
        )
        for item, feedback in rows
    ]
    judged = [row for row in made if row.feedback]
    html = fragments_render(
        [controls_fragment(row.item, disabled=True) for row in made]
        + [feedback_fragment(row.feedback) for row in judged]
    )
    for row, controls in zip(made, html[: len(made)], strict=True):
        row.item.controls_html = controls
    for row, feedback_html in zip(judged, html[len(made) :], strict=True):
        row.feedback_html = feedback_html
    return made


def _pending(attempt: Attempt, rows: list[ResultRow]) -> Pending:
    waiting = [row.item for row in rows if row.feedback and row.feedback.is_ungraded]
    quiz_points = sum((item.score.points_possible for item in waiting), Decimal(0))
    if not attempt.assignment_id:
        return Pending(len(waiting), quiz_points)
    written = _written(attempt.lesson)
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


def _written(lesson: Lesson) -> dict[int, int]:
    """The lesson's written answers (question id -> points): its current activities that are
    never scored automatically (the same rule as the teacher's grid,
    classroom.selectors.class_progress). Lesson content, the same for every student: kept in
    the cache under the lesson's id and `updated_at`, as the reference list is."""
    key = f"result-written:{lesson_stamp(lesson)}"
    return _WRITTEN.get_or_make_shared(key, lambda: _written_read(lesson), TIMEOUT)


_WRITTEN = LocalCache(max_entries=64)


def _written_read(lesson: Lesson) -> dict[int, int]:
    manual = [qt.key for qt in registry if not qt.auto_graded]
    return dict(
        Question.objects.filter(lesson_id=lesson.pk, is_current=True, type__in=manual)
        .exclude(step__kind=StepKind.QUIZ)
        .values_list("pk", "points")
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
