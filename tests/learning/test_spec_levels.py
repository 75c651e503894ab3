"""The prose inside a question's spec (explanations, choice feedback, a part's prompt) at the
student's reading level, on the practice, quiz and result pages of the example package."""

from __future__ import annotations

import html as htmllib

import pytest
from django.urls import reverse

from quizzes import services
from quizzes.models import Attempt, Question

pytestmark = pytest.mark.django_db

CROWD = "The clerk counted about 1,200; the paper's figure is disputed."
CROWD_SIMPLER = "The clerk counted about 1,200 people. So the paper's number is in doubt."
RIGHT = "Right. The clerk counted about 1,200 people, not 2,000."
RIGHT_SIMPLER = "Right. The clerk counted about 1,200 people. The paper said 2,000."
PART_A = "How does the newspaper treat the people who criticised the bridge?"
PART_A_SIMPLER = "What does the paper do with the people who did not like the bridge?"


@pytest.fixture
def student_client(client, student):
    client.force_login(student)
    return client


def text(response) -> str:
    assert response.status_code == 200
    return htmllib.unescape(response.content.decode())


def choose_level(client, assignment, level: str, step: str = "context") -> None:
    client.get(reverse("learning:step", args=[assignment.pk, step]))
    client.post(
        reverse("learning:reading_level", args=[assignment.pk]), {"level": level, "step": step}
    )


@pytest.mark.parametrize(
    ("level", "shown", "hidden"),
    [("standard", CROWD, CROWD_SIMPLER), ("simpler", CROWD_SIMPLER, CROWD)],
)
def test_a_practice_explanation_is_shown_at_the_students_level(
    student_client, assignment, level, shown, hidden
):
    choose_level(student_client, assignment, level, "fact_interpretation")
    question = Question.objects.get(lesson=assignment.lesson, key="fi-statements", is_current=True)
    check = reverse("learning:activity_check", args=[assignment.pk, question.pk])
    answer = {f"{question.uid}-crowd": "claim"}
    fragment = text(student_client.post(check, answer, HTTP_HX_REQUEST="true"))
    assert shown in fragment
    assert hidden not in fragment
    step = text(
        student_client.get(reverse("learning:step", args=[assignment.pk, "fact_interpretation"]))
    )
    assert shown in step and hidden not in step


def submitted_quiz(student, assignment, answers: dict[str, dict]) -> Attempt:
    attempt = services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment, kind=Attempt.Kind.QUIZ
    )
    for key, data in answers.items():
        question = Question.objects.get(lesson=assignment.lesson, key=key, is_current=True)
        services.response_save(attempt=attempt, question_id=question.pk, data=data)
    return attempt


def test_the_quiz_shows_a_parts_prompt_at_the_students_level(student_client, student, assignment):
    choose_level(student_client, assignment, "simpler", "quiz")
    attempt = submitted_quiz(student, assignment, {})
    page = text(student_client.get(reverse("learning:attempt_take", args=[attempt.pk])))
    assert PART_A_SIMPLER in page
    assert PART_A not in page


@pytest.mark.parametrize(
    ("level", "shown", "hidden"),
    [("standard", RIGHT, RIGHT_SIMPLER), ("simpler", RIGHT_SIMPLER, RIGHT)],
)
def test_the_result_shows_a_right_answers_explanation_at_the_students_level(
    student_client, student, assignment, level, shown, hidden
):
    choose_level(student_client, assignment, level)
    attempt = submitted_quiz(student, assignment, {"q-crowd-agree": {"answer": False}})
    services.attempt_submit(attempt=attempt)
    page = text(student_client.get(reverse("learning:attempt_result", args=[attempt.pk])))
    assert shown in page
    assert hidden not in page


def test_a_wrong_answer_gets_no_explanation_at_either_level_while_the_key_is_withheld(
    student_client, student, assignment
):
    """The key is released after the due date: the note on the right answer stays hidden, in
    simpler words too."""
    choose_level(student_client, assignment, "simpler")
    attempt = submitted_quiz(student, assignment, {"q-crowd-agree": {"answer": True}})
    services.attempt_submit(attempt=attempt)
    page = text(student_client.get(reverse("learning:attempt_result", args=[attempt.pk])))
    assert RIGHT not in page
    assert RIGHT_SIMPLER not in page
