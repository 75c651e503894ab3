"""Every refused action reaches the person as a 4xx with a reason, through the one handler
(config.errors): a page, an htmx fragment, or JSON for autosave. Never a 500."""

import pytest
from django.urls import reverse

from quizzes import services
from quizzes.models import Attempt, Question

pytestmark = pytest.mark.django_db


def test_a_teachers_third_preview_of_a_two_attempt_quiz_is_refused_with_a_reason(
    client, teacher, example_lesson
):
    example_lesson.quiz.attempts_allowed = 2
    example_lesson.quiz.save()
    client.force_login(teacher)
    url = reverse("learning:preview_start", args=[example_lesson.slug])
    statuses = []
    for _ in range(3):
        response = client.post(url)
        statuses.append(response.status_code)
        if response.status_code == 302:
            attempt = Attempt.objects.filter(student=teacher).order_by("-number").first()
            services.attempt_submit(attempt=attempt)

    assert statuses == [302, 302, 409]
    assert "every attempt allowed" in response.content.decode()
    assert Attempt.objects.filter(student=teacher).count() == 2


def test_a_student_cannot_open_a_teacher_preview_and_is_told_why(client, student, example_lesson):
    client.force_login(student)
    response = client.post(reverse("learning:preview_start", args=[example_lesson.slug]))
    assert response.status_code == 403
    assert "Only teachers and content authors" in response.content.decode()
    assert not Attempt.objects.exists()


def test_a_teacher_on_a_student_page_gets_a_403_that_says_whose_page_it_is(client, teacher):
    client.force_login(teacher)
    response = client.get(reverse("learning:dashboard"))
    assert response.status_code == 403
    assert "for students" in response.content.decode()


def test_a_refusal_on_the_htmx_path_is_a_fragment_and_on_the_plain_path_a_page(
    client, student, assignment
):
    """After the assignment closes, checking an activity is refused (409) both ways."""
    client.force_login(student)
    client.get(reverse("learning:assignment", args=[assignment.pk]))  # starts the lesson work
    lesson_work = Attempt.objects.get(kind=Attempt.Kind.LESSON)
    question = Question.objects.filter(lesson=assignment.lesson, is_current=True).exclude(
        step__kind="quiz"
    )[0]
    Attempt.objects.filter(pk=lesson_work.pk).update(deadline=assignment.opens_at)
    url = reverse("learning:activity_check", args=[assignment.pk, question.pk])

    fragment = client.post(url, {}, headers={"HX-Request": "true"})
    page = client.post(url, {})

    assert fragment.status_code == page.status_code == 409
    assert (
        "<html" not in fragment.content.decode() and "feedback-error" in fragment.content.decode()
    )
    assert "<html" in page.content.decode() and "closed" in page.content.decode()


def test_autosave_of_a_question_outside_the_lesson_is_a_json_404(client, student, assignment):
    client.force_login(student)
    response = client.post(reverse("learning:activity_save", args=[assignment.pk, 999999]), {})
    assert response.status_code == 404
    assert response.json()["saved"] is False
