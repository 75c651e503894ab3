"""The order of a question's choices on the quiz page, as students see it (finding 3 of the
December 2026 walk: with shuffling off, "always pick the first" scored full marks)."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.services import user_create
from classroom.services import assignment_create, membership_add
from quizzes import services
from quizzes.models import Question
from quizzes.selectors import public_spec_for
from quizzes.types import registry
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_student(classroom):
    other = user_create(username="s.hopper", password=PASSWORD, role=User.Role.STUDENT)
    membership_add(classroom=classroom, student=other)
    return other


def unshuffled(classroom, lesson):
    now = timezone.now()
    return assignment_create(
        classroom=classroom,
        lesson=lesson,
        opens_at=now - timedelta(hours=1),
        due_at=now + timedelta(days=1),
        shuffle_choices=False,
    )


def a_seed_that_moves_the_choices(question: Question) -> int:
    """An order seed whose order is not the author's (most are; this makes the test exact)."""
    qt = registry.get(question.type)
    written = qt.public_spec(qt.parse_spec(question.spec))
    for seed in range(100):
        probe = Question(pk=question.pk, type=question.type, spec=question.spec, order_seed=seed)
        if public_spec_for(probe, qt, seed=0, shuffle=False) != written:
            return seed
    raise AssertionError("no seed reorders the choices")


def choice_order(client, student, assignment, question: Question) -> list[str]:
    """The choices of `question` in the order the student's quiz page shows them."""
    client.force_login(student)
    attempt = services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment
    )
    html = client.get(reverse("learning:attempt_take", args=[attempt.pk])).content.decode()
    return re.findall(rf'id="{question.uid}-([\w-]+)"\s', html)


def test_two_students_see_the_same_order_and_it_is_not_the_authors(
    client, student, second_student, classroom, example_lesson
):
    question = Question.objects.get(key="q-purpose", is_current=True)
    written = [c["id"] for c in question.spec["choices"]]
    assert question.spec["choices"][0]["correct"]  # the author put the right answer first
    seed = a_seed_that_moves_the_choices(question)
    Question.objects.filter(pk=question.pk).update(order_seed=seed)
    assignment = unshuffled(classroom, example_lesson)

    first = choice_order(client, student, assignment, question)
    second = choice_order(client, second_student, assignment, question)
    again = choice_order(client, student, assignment, question)  # a reload

    assert sorted(first) == sorted(written)
    assert first == second == again
    assert first != written


def test_a_fixed_order_question_keeps_the_authors_order_shuffled_or_not(
    client, student, second_student, classroom, example_lesson
):
    question = Question.objects.get(key="q-purpose", is_current=True)
    written = [c["id"] for c in question.spec["choices"]]
    Question.objects.filter(pk=question.pk).update(
        fixed_order=True, order_seed=a_seed_that_moves_the_choices(question)
    )
    shuffled = unshuffled(classroom, example_lesson)
    shuffled.shuffle_choices = True
    shuffled.save()
    assert choice_order(client, student, unshuffled(classroom, example_lesson), question) == written
    assert choice_order(client, second_student, shuffled, question) == written
