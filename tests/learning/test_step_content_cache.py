"""A step page reads the lesson's content from the cache (learning/selectors/content.py), and
every change of that content shows on the next page at once: a reload of the package, an edit
or a deletion in the admin, a question edited or versioned."""

import pickle
import shutil

import pytest
from django.contrib import admin
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from authoring.services import lesson_packages_load
from learning.selectors.content import lesson_content_get
from lessons.models import Lesson, Sentence
from quizzes.models import Question
from tests.conftest import EXAMPLE_PACKAGE

pytestmark = pytest.mark.django_db

OPENING = "The new iron bridge over the Alder River"


@pytest.fixture
def student_client(client, student):
    client.force_login(student)
    return client


def close_reading(client, assignment) -> str:
    response = client.get(reverse("learning:step", args=[assignment.pk, "close_reading"]))
    assert response.status_code == 200
    return response.content.decode()


def sourcing(client, assignment) -> str:
    response = client.get(reverse("learning:step", args=[assignment.pk, "sourcing"]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_visit_reads_no_content_table(student_client, assignment):
    close_reading(student_client, assignment)
    with CaptureQueriesContext(connection) as queries:
        html = close_reading(student_client, assignment)
    tables = " ".join(q["sql"] for q in queries.captured_queries)
    assert OPENING in html
    for table in ("lessons_sentence", "lessons_glossaryterm", "lessons_reference"):
        assert table not in tables


def test_a_reloaded_package_shows_its_new_text_at_once(student_client, assignment, tmp_path):
    assert OPENING in close_reading(student_client, assignment)
    package = tmp_path / "example"
    shutil.copytree(EXAMPLE_PACKAGE, package)
    text = package / "courier-1911.txt"
    text.write_text(text.read_text().replace("new iron bridge", "new steel bridge"))
    lesson_packages_load(paths=[package])
    html = close_reading(student_client, assignment)
    assert "The new steel bridge over the Alder River" in html
    assert OPENING not in html


def test_a_sentence_edited_in_the_admin_shows_at_once(student_client, assignment):
    assert OPENING in close_reading(student_client, assignment)
    sentence = Sentence.objects.get(lesson=assignment.lesson, text__startswith=OPENING)
    sentence.text = sentence.text.replace("iron", "wooden")
    sentence.save()  # what the admin's change form does
    assert "The new wooden bridge" in close_reading(student_client, assignment)


def test_sentences_deleted_in_the_admin_go_at_once(student_client, assignment, author):
    sentence = Sentence.objects.get(lesson=assignment.lesson, text__startswith=OPENING)
    in_document = f'<span class="sentence" id="{sentence.key}">'
    assert in_document in close_reading(student_client, assignment)
    request = RequestFactory().post("/")
    request.user = author
    model_admin = admin.site._registry[Sentence]
    model_admin.delete_queryset(request, Sentence.objects.filter(pk=sentence.pk))
    assert in_document not in close_reading(student_client, assignment)


def test_a_question_edited_in_place_or_versioned_shows_at_once(student_client, assignment):
    question = Question.objects.get(
        lesson=assignment.lesson, step__kind="sourcing", prompt="Who produced this document?"
    )
    assert "Who produced this document?" in sourcing(student_client, assignment)
    question.prompt = "Who wrote this notice?"
    question.save()
    assert "Who wrote this notice?" in sourcing(student_client, assignment)
    question.is_current = False
    question.save(update_fields=["is_current"])
    newer = Question.objects.get(pk=question.pk)
    newer.pk, newer.version, newer.is_current = None, newer.version + 1, True
    newer.prompt = "Who made this notice?"
    newer.save()
    html = sourcing(student_client, assignment)
    assert "Who made this notice?" in html
    assert "Who wrote this notice?" not in html


def test_the_cached_content_survives_pickling_as_redis_stores_it(example_lesson):
    content = lesson_content_get(lesson=example_lesson)
    again = pickle.loads(pickle.dumps(content))  # noqa: S301 - our own bytes
    assert [s.pk for s in again.steps] == [s.pk for s in content.steps]
    assert again.paragraphs == content.paragraphs
    assert again.glossary == content.glossary


def test_each_change_of_content_moves_the_lessons_stamp(example_lesson):
    before = example_lesson.updated_at
    sentence = example_lesson.sentences.first()
    sentence.save()
    assert Lesson.objects.get(pk=example_lesson.pk).updated_at > before


def test_a_second_read_in_the_same_process_skips_the_shared_cache(example_lesson, monkeypatch):
    from django.core.cache import cache

    first = lesson_content_get(lesson=example_lesson)
    monkeypatch.setattr(cache, "get", lambda *a, **k: pytest.fail("read the shared cache"))
    assert lesson_content_get(lesson=example_lesson) is first
    example_lesson.sentences.first().save()  # moves updated_at: another key
    example_lesson.refresh_from_db()
    with pytest.raises(pytest.fail.Exception):
        lesson_content_get(lesson=example_lesson)
