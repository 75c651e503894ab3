"""The content author's home (issue 19, point 6): their lessons and what to do next, not only a
pointer to the admin."""

import pytest
from django.urls import reverse

from lessons.selectors import lessons_for_author

pytestmark = pytest.mark.django_db


def test_the_author_home_lists_the_lessons_with_what_to_do_next(client, author, example_lesson):
    client.force_login(author)
    html = client.get(reverse("home")).content.decode()
    assert example_lesson.title in html
    assert "What to do next" in html
    assert "lint_lesson" in html and "load_lessons" in html
    assert reverse("admin:lessons_lesson_change", args=[example_lesson.pk]) in html
    assert "run the content lint after every change" in html


def test_a_lesson_without_a_quiz_says_to_add_one(client, author, example_lesson):
    example_lesson.quiz.delete()
    client.force_login(author)
    html = client.get(reverse("home")).content.decode()
    assert "add a quiz to the package" in html


def test_with_no_lesson_loaded_the_home_says_how_to_start(client, author):
    client.force_login(author)
    assert "No lesson is loaded yet" in client.get(reverse("home")).content.decode()


def test_the_lesson_counts_come_from_one_query(example_lesson, django_assert_num_queries):
    with django_assert_num_queries(1):
        (lesson,) = lessons_for_author()
    assert lesson.has_quiz == 1
    assert lesson.step_count == example_lesson.steps.count()
    assert lesson.question_count == example_lesson.questions.filter(is_current=True).count()
