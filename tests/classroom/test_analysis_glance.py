"""Item analysis at a glance (issue 19, point 4): what to look at first, details folded, and
notes that fit the question's type."""

import re

import pytest
from django.urls import reverse

from classroom.selectors.item_analysis import assignment_analysis
from tests.classroom.conftest import answer_quiz

pytestmark = pytest.mark.django_db


def analysis_page(client, teacher, assignment, query: str = "") -> str:
    client.force_login(teacher)
    url = reverse("classroom:assignment_analysis", args=[assignment.classroom_id, assignment.pk])
    return client.get(url + query).content.decode()


def test_the_hardest_questions_come_first_in_what_to_look_at(
    client, teacher, assignment, student, make_student
):
    # Three students get only q-purpose right: every other question is hard.
    for name in ("ada", "bo"):
        answer_quiz(student=make_student(name), assignment=assignment, right={"q-purpose"})
    answer_quiz(student=student, assignment=assignment, right={"q-purpose"})
    analysis = assignment_analysis(assignment=assignment)
    first = analysis.look_first
    assert first and all(stat.flag == "hard" for stat in first)
    assert "q-purpose" not in {stat.question.key for stat in first}

    html = analysis_page(client, teacher, assignment)
    look = html[html.index("data-look-first") : html.index("How to read these figures")]
    for stat in first:
        assert f'href="?question={stat.number}#item-{stat.number}"' in look
    # The details are folded, each question still reachable by its link, which opens them
    # with the answers given to that question.
    assert re.search(r"<details[^>]*data-item-details>", html)
    assert 'id="item-1"' in html
    opened = analysis_page(client, teacher, assignment, "?question=1")
    assert re.search(r"<details[^>]*data-item-details open>", opened)
    item = opened[opened.index('id="item-1"') : opened.index('id="item-2"')]
    assert "Answers given, wrong answers first" in item
    assert "Answers given, wrong answers first" not in opened[opened.index('id="item-2"') :]


def test_a_choice_question_left_blank_is_not_called_a_written_answer(
    client, teacher, assignment, student
):
    answer_quiz(student=student, assignment=assignment, right=set())  # all blank
    html = analysis_page(client, teacher, assignment, "?question=1")
    assert "Nobody gave an answer to this question" in html
    assert "Written answers: read them" not in html
