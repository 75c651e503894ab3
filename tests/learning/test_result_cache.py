"""The result page's answers, feedback, reference list and written activities come from the
cache (`quizzes.controls`, `learning.selectors.result`): an edited question, a new score, a
released or withheld key, another language, another student or edited content is never
served a stale or foreign entry. And the page's queries do not grow with the quiz."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from accounts.services import user_create
from bench.student import quiz_resize
from classroom.models import Assignment
from classroom.services import membership_add
from quizzes import services
from quizzes.models import Attempt, FeedbackTiming
from tests.conftest import PASSWORD
from tests.learning.results import card_of, quiz, result_html
from tests.template_renders import Renders

pytestmark = pytest.mark.django_db


def submitted(student, assignment, answers: dict[str, dict]) -> Attempt:
    attempt = services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment
    )
    for key, data in answers.items():
        services.response_save(attempt=attempt, question_id=quiz(key).pk, data=data)
    return services.attempt_submit(attempt=attempt)


def checked(card: str) -> list[str]:
    """The values of the checked controls of a card's answer."""
    return re.findall(r'value="([^"]*)"\s+checked', card)


@pytest.fixture
def classmate(classroom) -> User:
    other = user_create(username="s.hopper", password=PASSWORD, role=User.Role.STUDENT)
    membership_add(classroom=classroom, student=other)
    return other


def test_a_classmate_with_the_same_answers_shares_the_entries_and_one_with_others_does_not(
    client, student, classmate, released
):
    Assignment.objects.filter(pk=released.pk).update(shuffle_choices=False)  # one order
    mine = submitted(student, released, {"q-purpose": {"choice": "protest"}})
    html = result_html(client, student, mine)
    same = submitted(classmate, released, {"q-purpose": {"choice": "protest"}})
    with Renders() as renders:
        shared = result_html(client, classmate, same)
    # Only the page itself and its frame: every item, its feedback and the list were cached.
    assert not [name for name in renders.names if name.startswith(("quizzes/", "learning/_f"))]
    assert card_of(shared, quiz("q-purpose")) == card_of(html, quiz("q-purpose"))
    other = submitted(classmate, released, {"q-purpose": {"choice": "celebrate"}})
    theirs = card_of(result_html(client, classmate, other), quiz("q-purpose"))
    assert checked(theirs) == ["celebrate"]
    assert checked(card_of(result_html(client, student, mine), quiz("q-purpose"))) == ["protest"]
    assert 'data-verdict="right"' in theirs
    assert 'data-verdict="wrong"' in card_of(result_html(client, student, mine), quiz("q-purpose"))


def test_a_question_edited_in_place_shows_its_new_text(client, student, released):
    attempt = submitted(student, released, {"q-purpose": {"choice": "protest"}})
    question = quiz("q-purpose")
    before = card_of(result_html(client, student, attempt), question)
    question.spec["choices"][0]["text"] = "An edited choice"
    question.save(update_fields=["spec"])  # same id and version, as the studio's editor saves
    after = card_of(result_html(client, student, attempt), question)
    assert "An edited choice" not in before
    assert "An edited choice" in after


def test_a_new_score_shows_at_once(client, student, teacher, released):
    attempt = submitted(student, released, {"q-purpose": {"choice": "protest"}})
    question = quiz("q-purpose")
    card = card_of(result_html(client, student, attempt), question)
    assert 'data-verdict="wrong"' in card and 'class="feedback feedback-wrong"' in card
    services.score_set(
        attempt=attempt, question=question, points=Decimal(1), by=teacher, reason="Fair point."
    )
    card = card_of(result_html(client, student, attempt), question)
    assert 'data-verdict="right"' in card and 'class="feedback feedback-right"' in card
    assert "1 of 1" in card


def test_a_withheld_key_is_never_served_from_an_entry_that_shows_it(client, student, released):
    """The same answer, first with the key released, then withheld: the feedback block that
    named the key is another entry."""
    attempt = submitted(student, released, {"q-purpose": {"choice": "protest"}})
    question = quiz("q-purpose")
    assert "Answer:" in card_of(result_html(client, student, attempt), question)
    Assignment.objects.filter(pk=released.pk).update(show_key=FeedbackTiming.AFTER_DUE)
    withheld = result_html(client, student, attempt)
    assert "data-key-withheld" in withheld
    assert "Answer:" not in withheld


def test_another_language_is_another_entry(client, student, released):
    attempt = submitted(student, released, {})
    question = quiz("q-purpose")
    assert "You did not answer this question." in card_of(
        result_html(client, student, attempt), question
    )
    User.objects.filter(pk=student.pk).update(language="ru")
    student.refresh_from_db()
    card = card_of(result_html(client, student, attempt), question)
    assert "Вы не ответили на этот вопрос." in card
    assert "You did not answer this question." not in card


def test_an_edited_reference_list_shows_at_once(client, student, released):
    attempt = submitted(student, released, {})
    reference = released.lesson.references.order_by("position").first()
    assert "Millbrook Historical Society." in result_html(client, student, attempt)
    reference.citation = "An edited citation, 1912."
    reference.save()  # moves the lesson's updated_at (learning.signals)
    html = result_html(client, student, attempt)
    assert "An edited citation, 1912." in html
    assert "Millbrook Historical Society." not in html


def test_a_new_written_activity_counts_at_once(client, student, released):
    attempt = submitted(student, released, {})
    note = re.compile(r"count towards this assignment's grade too: (\d+) more points")
    assert note.search(result_html(client, student, attempt)).group(1) == "4"
    reflection = quiz("reflection")
    reflection.points = 6
    reflection.save()  # moves the lesson's updated_at (learning.signals)
    assert note.search(result_html(client, student, attempt)).group(1) == "6"


def test_the_prompt_is_shown_at_the_students_level(client, student, released):
    Assignment.objects.filter(pk=released.pk).update(reading_level="simpler")
    attempt = submitted(student, released, {})
    card = card_of(result_html(client, student, attempt), quiz("q-county-share"))
    assert "How much money, in dollars, did the county give for the bridge?" in card
    assert "How many dollars did the county pay towards the bridge?" not in card


def result_queries(client, student, assignment, n: int) -> int:
    quiz_resize(assignment.lesson, n)
    attempt = submitted(student, assignment, {})
    client.force_login(student)
    url = reverse("learning:attempt_result", args=[attempt.pk])
    with CaptureQueriesContext(connection) as cold:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as warm:
        assert client.get(url).status_code == 200
    assert len(cold) >= len(warm)  # the cache saves queries, it never adds one
    attempt.delete()
    return len(warm)


def test_the_result_page_costs_the_same_queries_for_10_items_as_for_50(client, student, released):
    small = result_queries(client, student, released, 10)
    large = result_queries(client, student, released, 50)
    assert small == large
    # session, user, attempt (with the reading level), the student's extension, questions,
    # answers, scores, and the written activities' scores and answers.
    assert small == 9
