"""quizzes.specs: the specs kept per process are keyed on what they were made from, so an
edit is read at once, and what is kept is the same as parsing anew."""

import json

import pytest
from django.urls import reverse

from quizzes import services
from quizzes.models import Question
from quizzes.specs import POST_COLUMNS, question_with_spec, questions_for_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(student, assignment):
    return services.attempt_start(student=student, lesson=assignment.lesson, assignment=assignment)


def single_choice(attempt) -> Question:
    return next(
        q for q in Question.objects.filter(pk__in=attempt.item_order) if q.type == "single_choice"
    )


def test_a_spec_read_from_its_text_parses_as_the_orm_instance_does(attempt):
    question = single_choice(attempt)
    text = json.dumps(question.spec)
    read = question_with_spec(Question(pk=question.pk, type=question.type), text)
    assert read.spec == question.spec
    assert read.spec_parsed() == question.spec_parsed()
    again = question_with_spec(Question(pk=question.pk, type=question.type), text)
    assert again.spec_parsed() is read.spec_parsed()  # kept, not parsed again


def test_a_spec_its_type_refuses_is_decoded_and_left_to_whoever_parses_it(attempt):
    question = single_choice(attempt)
    read = question_with_spec(Question(pk=question.pk, type="single_choice"), '{"choices": 3}')
    assert read.spec == {"choices": 3}
    with pytest.raises(ValueError):
        read.spec_parsed()


def test_an_autosave_checks_the_answer_against_the_spec_as_edited(client, student, attempt):
    question = single_choice(attempt)
    choice = question.spec["choices"][0]["id"]
    url = reverse("learning:response_save", args=[attempt.pk, question.pk])
    client.force_login(student)
    assert client.post(url, {f"{question.uid}-choice": choice}).json()["saved"] is True
    # Edited in place (no answer holds it yet: the loader would make a new version otherwise).
    question.responses.all().delete()
    removed = next(c for c in question.spec["choices"] if c["id"] == choice)
    question.spec["choices"].remove(removed)
    if removed["correct"]:
        question.spec["choices"][0]["correct"] = True
    question.save()
    refused = client.post(url, {f"{question.uid}-choice": choice})
    assert refused.status_code == 400
    assert refused.json()["saved"] is False


def test_a_posts_questions_are_read_in_one_query_with_the_columns_the_orm_gives(
    attempt, django_assert_num_queries
):
    ids = list(attempt.item_order)
    with django_assert_num_queries(1):
        read = questions_for_post([*ids, 10**12])  # an id no row has is left out
    assert set(read) == set(ids)
    for question in Question.objects.filter(pk__in=ids):
        mine = read[question.pk]
        for name in POST_COLUMNS:
            field = Question._meta.get_field(name)
            assert getattr(mine, field.attname) == getattr(question, field.attname), name
        assert mine.spec == question.spec
        assert mine.spec_parsed() == question.spec_parsed()
    with django_assert_num_queries(0):
        assert questions_for_post([]) == {}
