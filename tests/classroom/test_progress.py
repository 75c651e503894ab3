"""What a grid cell says about one student's work: pure rules, no database."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from classroom.progress import AttemptRow, Status, counted_attempts, progress_for
from quizzes.models import GradingMethod

DUE = datetime(2026, 12, 1, 17, 0, tzinfo=UTC)
BEFORE = DUE - timedelta(days=1)
AFTER = DUE + timedelta(hours=2)


def quiz(number, points, *, late=False, possible=10, needs_scoring=False, open_=False):
    return AttemptRow(
        id=number,
        student_id=1,
        assignment_id=1,
        number=number,
        status="in_progress" if open_ else "submitted",
        late=late,
        points_earned=None if open_ else Decimal(points),
        points_possible=None if open_ else Decimal(possible),
        needs_scoring=needs_scoring,
    )


def progress(*attempts, method=GradingMethod.HIGHEST, written=None, waiting=False,
             written_possible=0, now=BEFORE, lesson=False, due=DUE):  # fmt: skip
    return progress_for(
        method=method,
        due_at=due,
        extended=False,
        quiz_attempts=list(attempts),
        lesson_started=lesson,
        written_points=written,
        written_waiting=waiting,
        written_possible=Decimal(written_possible),
        now=now,
    )


@pytest.mark.parametrize(
    ("method", "grade", "counted"),
    [
        (GradingMethod.HIGHEST, Decimal(8), [2]),
        (GradingMethod.FIRST, Decimal(5), [1]),
        (GradingMethod.LAST, Decimal(6), [3]),
        (GradingMethod.AVERAGE, Decimal("6.333"), [1, 2, 3]),
    ],
)
def test_the_quiz_grade_follows_the_grading_method(method, grade, counted):
    attempts = [quiz(1, 5), quiz(2, 8), quiz(3, 6)]
    result = progress(*attempts, method=method)
    assert result.quiz_points == grade
    assert [a.number for a in counted_attempts(method, attempts)] == counted


def test_equal_highest_scores_count_the_earlier_attempt():
    assert [
        a.number for a in counted_attempts(GradingMethod.HIGHEST, [quiz(1, 7), quiz(2, 7)])
    ] == [1]


def test_nothing_started_is_not_started_and_has_no_grade():
    result = progress()
    assert result.status == Status.NOT_STARTED
    assert result.points is None and result.percent is None
    assert not (result.late or result.overdue or result.needs_scoring)


def test_lesson_work_or_an_open_quiz_is_in_progress():
    assert progress(lesson=True).status == Status.IN_PROGRESS
    assert progress(quiz(1, 0, open_=True)).status == Status.IN_PROGRESS


def test_a_written_answer_scored_by_the_teacher_adds_to_the_grade():
    result = progress(quiz(1, 8), written=Decimal(3), written_possible=4, lesson=True)
    assert (result.points, result.possible, result.percent) == (Decimal(11), Decimal(14), 79)
    assert not result.needs_scoring


def test_a_written_answer_waiting_for_a_score_needs_scoring():
    assert progress(quiz(1, 8), waiting=True, written_possible=4).needs_scoring
    assert progress(lesson=True, waiting=True, written_possible=4).needs_scoring


def test_an_attempt_with_an_unscored_item_needs_scoring():
    assert progress(quiz(1, 8, needs_scoring=True)).needs_scoring


def test_a_late_attempt_makes_the_work_late():
    assert progress(quiz(1, 8, late=True), now=AFTER).late
    assert not progress(quiz(1, 8), now=AFTER).late


def test_only_the_attempt_that_counts_makes_the_grade_late():
    on_time_best = [quiz(1, 9), quiz(2, 4, late=True)]
    assert not progress(*on_time_best, now=AFTER).late
    assert progress(*on_time_best, method=GradingMethod.AVERAGE, now=AFTER).late


def test_nothing_submitted_after_the_due_date_is_overdue_not_late():
    result = progress(lesson=True, now=AFTER)
    assert result.overdue and not result.late
    assert not progress(lesson=True, now=BEFORE).overdue
