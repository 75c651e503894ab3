"""The quiz page draws the lesson's reference list (lessons.selectors `lesson_references_html`)
and reads the quiz's questions (quizzes.selectors `quiz_questions_cached`) from the cache: each
is read once, and every change of them shows on the next page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from accounts.services import user_create
from classroom.services import membership_add
from lessons.models import Reference, Source
from lessons.selectors import lesson_references_html
from quizzes import services
from quizzes.models import Question

pytestmark = pytest.mark.django_db

CITATION = "Wineburg, Sam."


@pytest.fixture
def attempt(student, assignment):
    return services.attempt_start(student=student, lesson=assignment.lesson, assignment=assignment)


def quiz_page(client, attempt) -> str:
    response = client.get(reverse("learning:attempt_take", args=[attempt.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_visit_reads_no_reference_table(client, student, attempt):
    client.force_login(student)
    first = quiz_page(client, attempt)
    with CaptureQueriesContext(connection) as queries:
        second = quiz_page(client, attempt)
    tables = " ".join(q["sql"] for q in queries.captured_queries)
    assert "lessons_reference" not in tables
    assert "lessons_source" not in tables
    assert CITATION in second
    assert 'id="ref-wineburg-2001"' in second
    assert second.count('id="ref-') == first.count('id="ref-') > 0


def test_a_reference_or_source_edited_shows_at_once(client, student, attempt):
    client.force_login(student)
    assert CITATION in quiz_page(client, attempt)
    reference = Reference.objects.get(lesson=attempt.lesson, key="wineburg-2001")
    reference.citation = "Wineburg, Samuel. *Historical Thinking*. 2001."
    reference.save()  # moves the lesson's updated_at (learning.signals)
    html = quiz_page(client, attempt)
    assert "Wineburg, Samuel." in html
    assert CITATION + " <em>" not in html
    source = Source.objects.filter(lesson=attempt.lesson, kind=Source.Kind.COMPARISON).first()
    if source is not None:
        source.citation = "A citation edited in the admin."
        source.save()
        assert "A citation edited in the admin." in quiz_page(client, attempt)


def test_each_language_has_its_own_entry(assignment):
    lesson = assignment.lesson
    with translation.override("en"):
        english = lesson_references_html(lesson=lesson)
    with translation.override("ru"):
        russian = lesson_references_html(lesson=lesson)
        assert lesson_references_html(lesson=lesson) == russian  # now from the cache
    assert "Sources and references" in english
    assert "Sources and references" not in russian
    assert CITATION in russian


def test_a_second_visit_reads_no_question(client, student, attempt):
    client.force_login(student)
    quiz_page(client, attempt)
    with CaptureQueriesContext(connection) as queries:
        html = quiz_page(client, attempt)
    assert "quizzes_question" not in " ".join(q["sql"] for q in queries.captured_queries)
    first = Question.objects.get(pk=attempt.item_order[0])
    assert f'name="items" value="{first.pk}"' in html


def test_a_question_edited_in_place_shows_at_once(client, student, attempt):
    client.force_login(student)
    question = Question.objects.get(pk=attempt.item_order[0])
    assert question.prompt.split("\n")[0][:30] in quiz_page(client, attempt)
    question.prompt = "Which sentence gives an opinion, as edited?"
    question.save()  # moves the lesson's updated_at (learning.signals)
    html = quiz_page(client, attempt)
    assert "Which sentence gives an opinion, as edited?" in html


def test_a_choice_edited_in_place_shows_at_once(client, student, attempt):
    """The public specs are kept per process (quizzes.selectors `public_spec_for`), under the
    lesson's stamp: an edit moves it, so the next page parses the new spec."""
    client.force_login(student)
    question = Question.objects.get(pk=attempt.item_order[0])
    assert question.type == "single_choice"
    quiz_page(client, attempt)
    question.spec["choices"][0]["text"] = "A choice as edited in the studio"
    question.save()
    assert "A choice as edited in the studio" in quiz_page(client, attempt)


def test_shuffled_choices_keep_each_attempts_own_order_on_every_visit(client, student, assignment):
    """With `shuffle_choices` the kept spec is per attempt (its seed is in the key): two
    attempts draw their own orders, and each is the same on every visit."""
    assignment.shuffle_choices = True
    assignment.attempts_allowed = 0
    assignment.save()
    client.force_login(student)
    orders = []
    for _ in range(6):
        attempt = services.attempt_start(
            student=student, lesson=assignment.lesson, assignment=assignment
        )
        question = Question.objects.get(pk=attempt.item_order[0])
        ids = [c["id"] for c in question.spec["choices"]]

        def shown(html, ids=ids):
            return tuple(sorted(ids, key=lambda i: html.index(f'value="{i}"')))

        order = shown(quiz_page(client, attempt))
        assert shown(quiz_page(client, attempt)) == order
        orders.append(order)
        services.attempt_submit(attempt=attempt)
    assert len(set(orders)) > 1


def test_another_student_of_the_class_shares_the_entry_and_sees_only_their_answers(
    client, student, assignment, attempt
):
    other = user_create(username="s.other", password=None, role=User.Role.STUDENT)
    membership_add(classroom=assignment.classroom, student=other)
    theirs = services.attempt_start(student=other, lesson=assignment.lesson, assignment=assignment)
    question = Question.objects.get(pk=attempt.item_order[0])
    assert question.type == "single_choice"
    choice = question.spec["choices"][0]["id"]
    services.response_save(
        attempt=attempt, question_id=question.pk, data={"choice": choice}, question=question
    )
    client.force_login(student)
    assert "data-answered" in quiz_page(client, attempt)
    client.force_login(other)
    with CaptureQueriesContext(connection) as queries:
        html = quiz_page(client, theirs)
    assert "quizzes_question" not in " ".join(q["sql"] for q in queries.captured_queries)
    assert "data-answered>" not in html  # the card of an answered item
    assert f"/attempts/{theirs.pk}/responses/{question.pk}/" in html
