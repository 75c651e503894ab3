"""A quiz answer's second autosave is one statement (classroom.services.autosave), and it
refuses exactly what the full path refuses: whatever changed since the first save, the
statement writes nothing and the full path answers, with its reason."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.services import user_create
from classroom.selectors import attempt_item_known
from classroom.services import (
    classroom_archive,
    membership_add,
    membership_remove,
    quiz_answer_save_known,
)
from quizzes import services
from quizzes.models import Attempt, Question, Response

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(student, assignment):
    return services.attempt_start(student=student, lesson=assignment.lesson, assignment=assignment)


@pytest.fixture
def choice(attempt):
    """The attempt's first single-choice question, its save URL and two of its choices."""
    question = next(
        q for q in Question.objects.filter(pk__in=attempt.item_order) if q.type == "single_choice"
    )
    url = reverse("learning:response_save", args=[attempt.pk, question.pk])
    first, second = (c["id"] for c in question.spec["choices"][:2])
    return question, url, first, second


def post(client, question, url, choice_id):
    return client.post(url, {f"{question.uid}-choice": choice_id})


def stored(attempt, question):
    return Response.objects.get(attempt=attempt, question=question).data


def saved_once(client, student, choice):
    """Signed in, the first answer saved: this process now knows the attempt and question."""
    question, url, first, _second = choice
    client.force_login(student)
    assert post(client, question, url, first).json() == {"saved": True, "revision": 1}


def test_the_second_save_of_an_answer_is_one_statement_after_the_user(
    client, student, attempt, choice
):
    question, url, _first, second = choice
    saved_once(client, student, choice)
    with CaptureQueriesContext(connection) as ctx:
        assert post(client, question, url, second).json() == {"saved": True, "revision": 2}
    # the session, the user, then one statement: the access check, the guards and the write
    assert len(ctx.captured_queries) == 3
    sql = ctx.captured_queries[2]["sql"]
    assert sql.lstrip().startswith("INSERT") and "classroom_membership" in sql
    assert stored(attempt, question) == {"choice": second}
    # the same answer again keeps its revision
    assert post(client, question, url, second).json() == {"saved": True, "revision": 2}


def classmate_saved(client, classroom, assignment, question, choice_id):
    """A classmate's attempt, with their answer to `question` saved: this process now knows
    that question version too."""
    classmate = user_create(username="classmate", password="x-long-pass", role=User.Role.STUDENT)
    membership_add(classroom=classroom, student=classmate)
    theirs = services.attempt_start(
        student=classmate, lesson=assignment.lesson, assignment=assignment
    )
    client.force_login(classmate)
    url = reverse("learning:response_save", args=[theirs.pk, question.pk])
    assert post(client, question, url, choice_id).json() == {"saved": True, "revision": 1}
    return theirs


def test_a_question_read_for_one_student_makes_anothers_first_save_of_it_one_statement(
    client, student, classroom, assignment, attempt, choice
):
    question, url, first, second = choice
    other = next(pk for pk in attempt.item_order if pk != question.pk)
    classmate_saved(client, classroom, assignment, question, first)
    client.force_login(student)
    other_url = reverse("learning:response_save", args=[attempt.pk, other])
    client.post(other_url, {"any": "thing"})  # their attempt read, whatever the answer
    with CaptureQueriesContext(connection) as ctx:
        assert post(client, question, url, second).json() == {"saved": True, "revision": 1}
    assert len(ctx.captured_queries) == 3  # session, user, the one statement
    assert stored(attempt, question) == {"choice": second}


def test_a_known_question_that_is_not_one_of_the_attempts_items_is_a_404(
    client, student, classroom, assignment, attempt, choice
):
    """A question version added to the quiz after the student started: a classmate who
    started later has it, and saves an answer to it; the student's attempt does not."""
    question, _url, first, _second = choice
    late = Question.objects.create(
        lesson=question.lesson,
        step=question.step,
        key="late",
        position=99,
        type=question.type,
        prompt=question.prompt,
        points=question.points,
        spec=question.spec,
    )
    theirs = classmate_saved(client, classroom, assignment, late, first)
    assert late.pk in theirs.item_order and late.pk not in attempt.item_order
    saved_once(client, student, choice)
    response = post(
        client, late, reverse("learning:response_save", args=[attempt.pk, late.pk]), first
    )
    assert response.status_code == 404
    assert not Response.objects.filter(attempt=attempt, question=late).exists()


def item_order_without(attempt, question) -> None:
    others = [pk for pk in attempt.item_order if pk != question.pk]
    Attempt.objects.filter(pk=attempt.pk).update(item_order=others)


# What changed since the first save -> how the full path refuses the second.
CHANGES = {
    "the class archived": (lambda c, s, a, q: classroom_archive(classroom=c), 409),
    "the student removed from the class": (
        lambda c, s, a, q: membership_remove(classroom=c, student=s),
        403,
    ),
    "the quiz submitted from another tab": (
        lambda c, s, a, q: services.attempt_submit(attempt=a),
        409,
    ),
    "the question taken out of the attempt's items": (
        lambda c, s, a, q: item_order_without(a, q),
        404,
    ),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_second_save_after_a_change_is_refused_with_a_reason_and_writes_nothing(
    client, student, classroom, attempt, choice, change
):
    question, url, first, second = choice
    saved_once(client, student, choice)
    make_change, status = CHANGES[change]
    make_change(classroom, student, attempt, question)
    response = post(client, question, url, second)
    assert response.status_code == status
    assert response.json()["saved"] is False and response.json()["error"]
    assert stored(attempt, question) == {"choice": first}


def test_a_second_save_after_the_deadline_closes_the_attempt_with_what_was_saved(
    client, student, attempt, choice
):
    question, url, first, second = choice
    saved_once(client, student, choice)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(hours=1))
    response = post(client, question, url, second)
    assert response.status_code == 409
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED
    assert stored(attempt, question) == {"choice": first}


def test_a_second_save_is_checked_against_the_spec_stored_now_not_the_one_read_before(
    client, student, attempt, choice
):
    """A question version nobody answered can still be edited in place (a package reloaded):
    the answer is checked against the new spec, never written on the strength of the old."""
    question, url, _first, second = choice
    saved_once(client, student, choice)
    Response.objects.filter(question=question).delete()  # as if nobody had answered it
    spec = {**question.spec, "choices": [c for c in question.spec["choices"] if c["id"] != second]}
    Question.objects.filter(pk=question.pk).update(spec=spec)
    response = post(client, question, url, second)
    assert response.status_code == 400
    assert not Response.objects.filter(question=question).exists()


def test_what_one_student_saved_before_opens_nothing_to_another(client, student, attempt, choice):
    question, url, first, second = choice
    saved_once(client, student, choice)
    intruder = user_create(username="intruder", password="x-long-pass", role=User.Role.STUDENT)
    client.force_login(intruder)
    response = post(client, question, url, second)
    assert response.status_code == 404
    assert stored(attempt, question) == {"choice": first}


def test_an_answer_that_cannot_be_read_on_a_second_save_is_a_400_with_a_message(
    client, student, attempt, choice
):
    question, url, first, _second = choice
    saved_once(client, student, choice)
    response = post(client, question, url, "no-such-choice")
    assert response.status_code == 400
    assert response.json()["saved"] is False and response.json()["error"]
    assert stored(attempt, question) == {"choice": first}


def test_the_statement_itself_writes_only_for_the_attempts_own_student(
    client, student, attempt, choice
):
    """The copy is found by the student who read it (`attempt_item_known`), and the statement
    checks the student again: given another student's copy, it writes nothing."""
    question, _url, first, second = choice
    saved_once(client, student, choice)
    known = attempt_item_known(student=student, pk=attempt.pk, question_id=question.pk)
    intruder = user_create(username="intruder", password="x-long-pass", role=User.Role.STUDENT)
    posted = {f"{question.uid}-choice": second}
    assert quiz_answer_save_known(student=intruder, known=known, posted=posted) is None
    assert stored(attempt, question) == {"choice": first}
    assert quiz_answer_save_known(student=student, known=known, posted=posted) == 2
