"""A student takes the example quiz through plain HTML forms, with JavaScript off."""

import pytest
from django.urls import reverse

from accounts.models import User
from accounts.services import user_create
from quizzes import services
from quizzes.models import Attempt, Question, Response
from tests.conftest import shows_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(student, assignment):
    return services.attempt_start(student=student, lesson=assignment.lesson, assignment=assignment)


def items_by_type(attempt, type_key):
    return [q for q in Question.objects.filter(pk__in=attempt.item_order) if q.type == type_key]


def test_starting_from_an_assignment_opens_the_quiz_form(client, student, assignment):
    client.force_login(student)
    response = client.post(reverse("learning:attempt_start", args=[assignment.pk]))
    attempt = Attempt.objects.get(student=student)
    assert response.url == reverse("learning:attempt_take", args=[attempt.pk])
    page = client.get(response.url)
    assert page.status_code == 200
    assert page.content.decode().count('class="card mb-3"') == len(attempt.item_order)


def test_saved_answers_are_shown_again_after_a_reload(client, student, attempt):
    client.force_login(student)
    tf = items_by_type(attempt, "true_false")[0]
    short = items_by_type(attempt, "short_text")[0]
    page = reverse("learning:attempt_take", args=[attempt.pk])

    response = client.post(
        page,
        {
            "items": attempt.item_order,
            f"{tf.uid}-answer": "true",
            f"{short.uid}-text": "my typed answer",
            "action": "save",
        },
    )
    assert response.status_code == 302

    html = client.get(page).content.decode()
    assert 'value="my typed answer"' in html
    assert Response.objects.filter(attempt=attempt).count() == 2


def test_submitting_shows_the_score(client, student, attempt):
    client.force_login(student)
    tf = items_by_type(attempt, "true_false")[0]
    answer = "true" if tf.spec["answer"] else "false"
    page = reverse("learning:attempt_take", args=[attempt.pk])

    response = client.post(
        page,
        {"items": attempt.item_order, f"{tf.uid}-answer": answer, "action": "submit"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("learning:attempt_result", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.points_earned == tf.points
    assert f"{tf.points} of {attempt.points_possible.normalize():f} points" in (
        response.content.decode()
    )


def test_a_malformed_answer_gets_400_with_a_message_and_the_others_are_saved(
    client, student, attempt
):
    tf, response = _post_with_an_unreadable_number(client, student, attempt, "save")

    assert response.status_code == 400
    assert "could not be saved" in response.content.decode()
    assert list(Response.objects.values_list("question_id", flat=True)) == [tf.pk]


def test_submitting_with_an_answer_that_cannot_be_read_saves_the_others_and_submits_nothing(
    client, student, attempt
):
    tf, response = _post_with_an_unreadable_number(client, student, attempt, "submit")

    assert response.status_code == 400
    attempt.refresh_from_db()
    assert attempt.is_open
    assert not attempt.scores.exists()
    assert list(Response.objects.values_list("question_id", flat=True)) == [tf.pk]


def test_submitting_grades_the_answers_posted_with_it_in_one_transaction(
    client, student, attempt, django_assert_num_queries
):
    client.force_login(student)
    tf = items_by_type(attempt, "true_false")[0]
    answer = "true" if tf.spec["answer"] else "false"
    page = reverse("learning:attempt_take", args=[attempt.pk])
    form = {"items": attempt.item_order, f"{tf.uid}-answer": answer, "action": "submit"}

    # session, user, attempt, questions, answers; savepoint, the lock's read, the upsert, the
    # answers to grade, the scores, the attempt, release (the LMS grade is looked up after the
    # commit, which a test inside a transaction does not reach)
    with django_assert_num_queries(12):
        assert client.post(page, form).status_code == 302

    attempt.refresh_from_db()
    assert not attempt.is_open
    assert attempt.points_earned == tf.points
    assert attempt.scores.count() == len(attempt.item_order)
    assert attempt.scores.get(question=tf).state == "correct"


def test_items_not_on_the_posted_page_keep_their_answers(client, student, attempt):
    client.force_login(student)
    tf = items_by_type(attempt, "true_false")[0]
    services.response_save(attempt=attempt, question_id=tf.pk, data={"answer": True})
    page = reverse("learning:attempt_take", args=[attempt.pk])
    client.post(page, {"action": "save"})
    assert Response.objects.get().data == {"answer": True}


def test_the_key_never_reaches_the_quiz_page(client, student, attempt):
    client.force_login(student)
    html = client.get(reverse("learning:attempt_take", args=[attempt.pk])).content.decode()
    for question in Question.objects.filter(pk__in=attempt.item_order):
        spec = question.spec
        for accepted in spec.get("accepted", []):
            assert not shows_text(html, accepted)
        for choice in spec.get("choices", []):
            if choice.get("feedback"):
                assert choice["feedback"] not in html
        if question.type == "numeric":
            assert f'value="{spec["answer"]}"' not in html
    assert '"correct"' not in html


def test_the_key_is_not_on_the_result_page_before_the_due_date(client, student, attempt):
    client.force_login(student)
    page = reverse("learning:attempt_take", args=[attempt.pk])
    client.post(page, {"action": "submit"})
    html = client.get(reverse("learning:attempt_result", args=[attempt.pk])).content.decode()
    for question in Question.objects.filter(pk__in=attempt.item_order, type="short_text"):
        for accepted in question.spec["accepted"]:
            assert not shows_text(html, accepted)
    assert "Answer:" not in html


def test_another_students_attempt_does_not_exist_for_them(client, attempt):
    other = user_create(username="intruder", password="x-long-pass", role=User.Role.STUDENT)
    client.force_login(other)
    for name in ("learning:attempt_take", "learning:attempt_result"):
        assert client.get(reverse(name, args=[attempt.pk])).status_code == 404
    question_id = attempt.item_order[0]
    response = client.post(reverse("learning:response_save", args=[attempt.pk, question_id]), {})
    assert response.status_code == 404
    assert not Response.objects.exists()


def test_a_student_outside_the_class_cannot_start_its_quiz(client, assignment):
    other = user_create(username="outsider", password="x-long-pass", role=User.Role.STUDENT)
    client.force_login(other)
    assert client.post(reverse("learning:attempt_start", args=[assignment.pk])).status_code == 404
    assert not Attempt.objects.exists()


def test_autosave_returns_json_and_refuses_bad_input_with_a_message(client, student, attempt):
    client.force_login(student)
    tf = items_by_type(attempt, "true_false")[0]
    url = reverse("learning:response_save", args=[attempt.pk, tf.pk])

    ok = client.post(url, {f"{tf.uid}-answer": "true"})
    bad = client.post(url, {f"{tf.uid}-answer": "perhaps"})

    assert ok.json() == {"saved": True, "revision": 1}
    assert bad.status_code == 400
    assert bad.json()["saved"] is False and bad.json()["error"]
    assert Response.objects.get().data == {"answer": True}


def test_saving_after_submit_is_a_409_with_a_message(client, student, attempt):
    client.force_login(student)
    services.attempt_submit(attempt=attempt)
    tf = items_by_type(attempt, "true_false")[0]
    url = reverse("learning:response_save", args=[attempt.pk, tf.pk])
    response = client.post(url, {f"{tf.uid}-answer": "true"})
    assert response.status_code == 409
    assert "already submitted" in response.json()["error"]


def test_autosave_of_a_question_the_attempt_does_not_answer_is_a_404(client, student, attempt):
    client.force_login(student)
    activity = Question.objects.exclude(step__kind="quiz").first()
    url = reverse("learning:response_save", args=[attempt.pk, activity.pk])
    response = client.post(url, {f"{activity.uid}-text": "mine"})
    assert response.status_code == 404
    assert response.json()["saved"] is False
    assert not Response.objects.exists()


def test_autosave_of_lesson_work_takes_its_activities_and_no_quiz_item(client, student, assignment):
    work = services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment, kind=Attempt.Kind.LESSON
    )
    activity = Question.objects.exclude(step__kind="quiz").filter(type="true_false").first()
    quiz_item = Question.objects.filter(step__kind="quiz", type="true_false").first()
    client.force_login(student)

    saved = client.post(
        reverse("learning:response_save", args=[work.pk, activity.pk]),
        {f"{activity.uid}-answer": "true"},
    )
    refused = client.post(
        reverse("learning:response_save", args=[work.pk, quiz_item.pk]),
        {f"{quiz_item.uid}-answer": "true"},
    )

    assert saved.json() == {"saved": True, "revision": 1}
    assert refused.status_code == 404
    assert list(Response.objects.values_list("question_id", "data")) == [
        (activity.pk, {"answer": True})
    ]


@pytest.mark.parametrize("which", ["attempt", "question"])
def test_autosave_to_an_id_no_table_can_hold_is_a_404_not_a_500(client, student, attempt, which):
    client.force_login(student)
    huge = 2**63
    args = [huge, attempt.item_order[0]] if which == "attempt" else [attempt.pk, huge]
    response = client.post(reverse("learning:response_save", args=args), {"x": "1"})
    assert response.status_code == 404
    assert response.json()["saved"] is False


def test_get_on_start_is_not_allowed(client, student, assignment):
    client.force_login(student)
    assert client.get(reverse("learning:attempt_start", args=[assignment.pk])).status_code == 405


def _post_with_an_unreadable_number(client, student, attempt, action):
    """The quiz form with a true/false answered and a numeric answer that cannot be read."""
    client.force_login(student)
    tf = items_by_type(attempt, "true_false")[0]
    numeric = items_by_type(attempt, "numeric")[0]
    form = {
        "items": attempt.item_order,
        f"{tf.uid}-answer": "true",
        f"{numeric.uid}-value": "about a lot",
        "action": action,
    }
    return tf, client.post(reverse("learning:attempt_take", args=[attempt.pk]), form)
