"""Fixtures for the teacher side: another teacher, more students, and students who did the work
(driven through the quiz services, as the student pages would)."""

from collections.abc import Mapping

import pytest

from accounts.models import User
from accounts.services import user_create
from classroom.services import classroom_create, membership_add
from quizzes import services as quiz_services
from quizzes.models import Attempt, Question
from quizzes.types import registry
from tests.conftest import PASSWORD


@pytest.fixture
def other_teacher(db) -> User:
    return user_create(username="t.other", password=PASSWORD, role=User.Role.TEACHER)


@pytest.fixture
def other_classroom(other_teacher, db):
    return classroom_create(teacher=other_teacher, name="Someone else's class")


@pytest.fixture
def make_student(db, classroom):
    """make_student("ada", "Ada L.") -> a student in `classroom`."""

    def make(username: str, display_name: str = "") -> User:
        user = user_create(
            username=username, password=PASSWORD, role=User.Role.STUDENT, display_name=display_name
        )
        membership_add(classroom=classroom, student=user)
        return user

    return make


def correct(question: Question) -> dict:
    qt = registry.get(question.type)
    return qt.dump_response(qt.correct_response(qt.parse_spec(question.spec)))


def empty(question: Question) -> dict:
    qt = registry.get(question.type)
    return qt.dump_response(qt.empty_response(qt.parse_spec(question.spec)))


def answer_quiz(
    *,
    student: User,
    assignment,
    right: set[str] | None = None,
    answers: Mapping[str, dict] | None = None,
    submit: bool = True,
    now=None,
) -> Attempt:
    """Start a quiz attempt and answer it: the questions keyed in `answers` as given, those in
    `right` (every question by default) correctly, the rest left empty; then submit."""
    attempt = quiz_services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment, now=now
    )
    questions = Question.objects.in_bulk(attempt.item_order)
    data = {}
    for qid in attempt.item_order:
        question = questions[qid]
        if answers and question.key in answers:
            data[qid] = answers[question.key]
        elif right is None or question.key in right:
            data[qid] = correct(question)
        else:
            data[qid] = empty(question)
    quiz_services.responses_save(attempt=attempt, answers=data, now=now)
    if submit:
        attempt = quiz_services.attempt_submit(attempt=attempt, now=now)
    return attempt


def reflection_question(lesson) -> Question:
    return Question.objects.get(lesson=lesson, key="reflection", is_current=True)


def write_reflection(*, student: User, assignment, text: str, now=None) -> Attempt:
    """The student's lesson work, with a written reflection saved."""
    attempt = quiz_services.attempt_start(
        student=student,
        lesson=assignment.lesson,
        assignment=assignment,
        kind=Attempt.Kind.LESSON,
        now=now,
    )
    quiz_services.response_save(
        attempt=attempt,
        question_id=reflection_question(assignment.lesson).pk,
        data={"text": text},
        now=now,
    )
    return attempt


def quiz_questions(assignment) -> dict[str, Question]:
    return {
        q.key: q
        for q in Question.objects.filter(
            lesson=assignment.lesson, step__kind="quiz", is_current=True
        )
    }
