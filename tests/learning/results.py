"""What the result page's tests share: a quiz question by key, the page, one question's card."""

from django.urls import reverse

from quizzes.models import Question


def quiz(key: str) -> Question:
    return Question.objects.get(key=key, is_current=True)


def result_html(client, student, attempt) -> str:
    client.force_login(student)
    response = client.get(reverse("learning:attempt_result", args=[attempt.pk]))
    assert response.status_code == 200
    return response.content.decode()


def card_of(html: str, question: Question) -> str:
    """The result card of one question (found by its disabled controls' ids)."""
    [card] = [
        card for card in html.split('<li class="card mb-3">')[1:] if f'id="{question.uid}-' in card
    ]
    return card
