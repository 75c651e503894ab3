"""Saves and submits by a student removed from the class, or in an archived class, are refused
with a 4xx that says why, and nothing they saved before is lost (issue 13, point 5; review
finding 13). Run on SQLite and on PostgreSQL (DATABASE_URL)."""

import pytest
from django.urls import reverse

from classroom.services import classroom_archive, membership_remove
from quizzes import services
from quizzes.models import Attempt, Question, Response, Score
from tests.classroom.conftest import reflection_question

pytestmark = pytest.mark.django_db

REMOVED = ("removed", 403, "You are no longer in this class")
ARCHIVED = ("archived", 409, "This class is archived")


@pytest.fixture
def work(client, student, assignment):
    """A quiz in progress with a saved written answer, and lesson work on the context step with
    a saved reflection: what the student must not lose."""
    quiz = services.attempt_start(student=student, lesson=assignment.lesson, assignment=assignment)
    short_text = Question.objects.filter(pk__in=quiz.item_order, type="short_text").first()
    services.response_save(attempt=quiz, question_id=short_text.pk, data={"text": "kept"})
    lesson = services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment, kind=Attempt.Kind.LESSON
    )
    reflection = reflection_question(assignment.lesson)
    services.response_save(attempt=lesson, question_id=reflection.pk, data={"text": "mine"})
    Attempt.objects.filter(pk=lesson.pk).update(current_step="context")
    client.force_login(student)
    return quiz, short_text, lesson, reflection


def requests(assignment, work):
    """Every way a student's page writes: (what, url, form)."""
    quiz, short_text, _lesson, reflection = work
    take = reverse("learning:attempt_take", args=[quiz.pk])
    answer = {f"{short_text.uid}-text": "overwritten"}
    text = {f"{reflection.uid}-text": "overwritten"}
    step = reverse("learning:step", args=[assignment.pk, "reflection"])
    activity = [assignment.pk, reflection.pk]
    return [
        ("quiz autosave", reverse("learning:response_save", args=[quiz.pk, short_text.pk]), answer),
        ("quiz save", take, {"items": [short_text.pk], **answer}),
        ("quiz submit", take, {"items": [short_text.pk], **answer, "action": "submit"}),
        ("bare submit", take, {"action": "submit"}),
        ("activity autosave", reverse("learning:activity_save", args=activity), text),
        ("activity check", reverse("learning:activity_check", args=activity), text),
        ("reflection form", step, {"items": [reflection.pk], **text}),
        ("lesson progress", step, {"go": "perspective"}),
    ]


def state(_work) -> tuple:
    return (
        sorted(Response.objects.values_list("question_id", "data", "revision")),
        list(Attempt.objects.order_by("pk").values_list("status", "current_step", "submitted_at")),
        Score.objects.count(),
        Attempt.objects.count(),
    )


@pytest.mark.parametrize(("change", "status", "message"), [REMOVED, ARCHIVED])
def test_every_save_and_submit_is_refused_with_a_message_and_nothing_is_lost(
    client, student, assignment, work, change, status, message
):
    if change == "removed":
        membership_remove(classroom=assignment.classroom, student=student)
    else:
        classroom_archive(classroom=assignment.classroom)
    before = state(work)
    for what, url, form in requests(assignment, work):
        response = client.post(url, form)
        assert response.status_code == status, what
        body = response.content.decode()
        assert message in (response.json()["error"] if "autosave" in what else body), what
        assert state(work) == before, what
    quiz = Attempt.objects.get(pk=work[0].pk)
    assert quiz.status == Attempt.Status.IN_PROGRESS
    assert Response.objects.get(question=work[1]).data == {"text": "kept"}
    assert Response.objects.get(question=work[3]).data == {"text": "mine"}


def test_the_htmx_check_of_a_removed_student_gets_the_message_as_a_fragment(
    client, student, assignment, work
):
    membership_remove(classroom=assignment.classroom, student=student)
    _quiz, _short_text, _lesson, reflection = work
    url = reverse("learning:activity_check", args=[assignment.pk, reflection.pk])
    response = client.post(url, {f"{reflection.uid}-text": "x"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 403
    assert "no longer in this class" in response.content.decode()
    assert "<html" not in response.content.decode()


def test_a_student_added_back_saves_again_where_they_left_off(client, student, assignment, work):
    membership_remove(classroom=assignment.classroom, student=student)
    quiz, short_text, _lesson, _reflection = work
    url = reverse("learning:response_save", args=[quiz.pk, short_text.pk])
    assert client.post(url, {f"{short_text.uid}-text": "later"}).status_code == 403
    from classroom.services import membership_add

    membership_add(classroom=assignment.classroom, student=student)
    assert client.post(url, {f"{short_text.uid}-text": "later"}).json()["saved"] is True
    assert Response.objects.get(question=short_text).data == {"text": "later"}


def test_someone_who_never_worked_on_it_still_finds_no_such_assignment(
    client, assignment, outsider, work
):
    """The specific refusals are for the student who had the work; to anyone else the
    assignment of another class does not exist (404), as before."""
    _quiz, _short_text, _lesson, reflection = work
    client.force_login(outsider)
    url = reverse("learning:activity_save", args=[assignment.pk, reflection.pk])
    assert client.post(url, {f"{reflection.uid}-text": "x"}).status_code == 404


def test_a_teachers_preview_is_not_an_assignment_and_still_saves(client, teacher, example_lesson):
    preview = services.attempt_start(student=teacher, lesson=example_lesson)
    question = Question.objects.filter(pk__in=preview.item_order, type="short_text").first()
    client.force_login(teacher)
    url = reverse("learning:response_save", args=[preview.pk, question.pk])
    assert client.post(url, {f"{question.uid}-text": "trying"}).status_code == 200
