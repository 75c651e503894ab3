"""The attempt a grading method counts: one rule (`classroom.progress.counted_first`), applied in
Python by the grid and in the database by the item analysis. Both must pick the same attempt."""

from decimal import Decimal

import pytest

from accounts.models import User
from accounts.services import user_create
from classroom.progress import counted_attempts
from classroom.selectors.progress import attempt_rows, attempts_counted
from quizzes.models import Attempt, GradingMethod

# (points, status) of each student's attempts, numbered from 1. None: no points recorded.
SUBMITTED, OPEN = Attempt.Status.SUBMITTED, Attempt.Status.IN_PROGRESS
WORK = {
    "ada": [(Decimal(5), SUBMITTED), (Decimal(8), SUBMITTED), (Decimal(8), SUBMITTED)],
    "ben": [(Decimal(9), SUBMITTED), (Decimal(2), SUBMITTED), (Decimal(10), OPEN)],
    "cy": [(None, SUBMITTED), (Decimal("0.5"), SUBMITTED)],
    "dee": [(Decimal(3), OPEN)],
}
# The attempt number each method counts, per student (dee submitted nothing).
EXPECTED = {
    GradingMethod.HIGHEST: {"ada": 2, "ben": 1, "cy": 2},  # ada: the earlier of equal highest
    GradingMethod.FIRST: {"ada": 1, "ben": 1, "cy": 1},
    GradingMethod.LAST: {"ada": 3, "ben": 2, "cy": 2},
    GradingMethod.AVERAGE: {"ada": 3, "ben": 2, "cy": 2},  # every one counts; the latest is read
}


@pytest.fixture
def work(assignment, make_student):
    students = {name: make_student(name) for name in WORK}
    for name, attempts in WORK.items():
        for number, (points, status) in enumerate(attempts, start=1):
            Attempt.objects.create(
                student=students[name],
                lesson=assignment.lesson,
                assignment=assignment,
                kind=Attempt.Kind.QUIZ,
                number=number,
                status=status,
                points_earned=points,
                points_possible=Decimal(10),
            )
    # Someone no longer in the class: their attempt never counts.
    gone = user_create(username="gone", password=None, role=User.Role.STUDENT)
    Attempt.objects.create(
        student=gone,
        lesson=assignment.lesson,
        assignment=assignment,
        kind=Attempt.Kind.QUIZ,
        status=SUBMITTED,
        points_earned=Decimal(10),
    )
    return {student.pk: name for name, student in students.items()}


@pytest.mark.parametrize("method", list(GradingMethod))
def test_the_database_counts_the_attempt_the_grid_counts(assignment, work, method):
    assignment.grading_method = method
    assignment.save()

    in_database = {
        work[row.student_id]: row.number
        for row in attempt_rows(attempts_counted(assignment=assignment))
    }
    submitted: dict[str, list] = {}
    for row in attempt_rows(
        Attempt.objects.filter(assignment=assignment, status=SUBMITTED).order_by("number")
    ):
        if row.student_id in work:
            submitted.setdefault(work[row.student_id], []).append(row)
    in_python = {
        name: counted_attempts(method, rows)[-1].number for name, rows in submitted.items()
    }

    assert in_database == in_python == EXPECTED[method]
