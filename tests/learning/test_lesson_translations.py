"""A lesson in the student's language (issue 18, point 4), with the test fixture
tests/fixtures/packages/translated and its Azerbaijani overlay: the translated step and
questions, the switch to the original and back (remembered per lesson), the document kept in
its original language with its translation beside it, grading by ids whatever the language."""

# Azerbaijani is written with the dotless ı: not a look-alike of i here.
# ruff: noqa: RUF001, RUF003

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from authoring.services import lesson_packages_load
from classroom.services import assignment_create
from lessons.models import Lesson, LessonOriginalChoice, LessonTranslation
from quizzes.models import Attempt, Question

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "packages" / "translated"


@pytest.fixture
def lesson(db) -> Lesson:
    lesson_packages_load(paths=[FIXTURE])
    return Lesson.objects.get(slug="harbour-light-fixture")


@pytest.fixture
def assignment(classroom, lesson):
    now = timezone.now()
    return assignment_create(
        classroom=classroom,
        lesson=lesson,
        opens_at=now - timedelta(days=1),
        due_at=now + timedelta(days=7),
    )


@pytest.fixture
def reader(client, student):
    """The student, who reads the interface in Azerbaijani (saved on their account)."""
    student.language = "az"
    student.save(update_fields=["language"])
    client.force_login(student)
    return client


def step(client, assignment, kind: str) -> str:
    response = client.get(reverse("learning:step", args=[assignment.pk, kind]))
    assert response.status_code == 200
    return response.content.decode()


def switch(client, assignment, *, original: bool, back_to: str):
    return client.post(
        reverse("learning:lesson_language", args=[assignment.pk]),
        {"original": "1" if original else "0", "next": back_to},
    )


def test_the_loader_stores_one_translation_per_language(lesson):
    row = LessonTranslation.objects.get(lesson=lesson)
    assert row.language == "az"
    assert row.translator == "Machine draft (test fixture)"
    assert row.texts["steps"]["context"]["title"] == "İşıqdan əvvəl"
    # Loading again changes nothing, and the original rows keep the original's texts.
    lesson_packages_load(paths=[FIXTURE], force=True)
    assert LessonTranslation.objects.filter(lesson=lesson).count() == 1
    assert Question.objects.get(lesson=lesson, key="ctx-why").prompt == (
        "Why did the board build the light?"
    )


def test_a_student_reading_azerbaijani_sees_the_translated_step_and_question(reader, assignment):
    html = step(reader, assignment, "context")
    assert "İşıqdan əvvəl" in html  # the step's title
    assert "Gəmilər tez-tez körfəzin girişində quruya otururdu" in html  # its body
    assert "Şura işığı niyə tikdi?" in html  # the activity's prompt
    assert "İki gəmi qəzasına görə." in html  # a choice
    assert "Why did the board build the light?" not in html
    assert "data-show-original" in html
    assert "Machine draft (test fixture)" in html


def test_a_student_whose_language_has_no_translation_sees_the_original(client, student, assignment):
    student.language = "ru"
    student.save(update_fields=["language"])
    client.force_login(student)
    html = step(client, assignment, "context")
    assert "Why did the board build the light?" in html
    assert "lesson-language" not in html  # no switch: nothing to switch to


def test_the_switch_to_the_original_and_back_is_remembered_for_the_lesson(
    reader, student, assignment
):
    url = reverse("learning:step", args=[assignment.pk, "context"])
    response = switch(reader, assignment, original=True, back_to=url)
    assert response.status_code == 302 and response.url == url
    html = step(reader, assignment, "context")
    assert "Why did the board build the light?" in html
    assert "Şura işığı niyə tikdi?" not in html
    assert "data-show-translation" in html
    # Remembered on the account, for every page of this lesson.
    assert LessonOriginalChoice.objects.filter(user=student, lesson=assignment.lesson).exists()
    assert "Reading the notice" in step(reader, assignment, "close_reading")

    switch(reader, assignment, original=False, back_to=url)
    assert "Şura işığı niyə tikdi?" in step(reader, assignment, "context")


def test_the_switch_goes_back_only_to_a_page_of_this_site(reader, assignment):
    response = switch(reader, assignment, original=True, back_to="https://evil.example/")
    assert response.url == reverse("learning:assignment", args=[assignment.pk])


def test_the_document_stays_original_with_its_translation_beside_it(reader, assignment):
    html = step(reader, assignment, "close_reading")
    original = html.index('class="document" lang="en"')
    beside = html.index("data-document-translation")
    assert original < beside
    assert "was lit on Monday evening." in html[original:beside]
    assert "Yeni liman işığı bazar ertəsi axşamı yandırıldı." in html
    section = html[beside - 200 : beside + 900]
    assert 'lang="az"' in section
    assert "Machine draft (test fixture)" in section  # its translator


def test_feedback_is_translated_and_grading_is_by_ids(reader, student, assignment):
    question = Question.objects.get(lesson=assignment.lesson, key="ctx-why")
    url = reverse("learning:step", args=[assignment.pk, "context"])
    response = reader.post(
        url, {"items": [question.pk], f"{question.uid}-choice": "wrecks", "check": question.pk}
    )
    assert response.status_code == 302
    html = step(reader, assignment, "context")
    assert "Bəli, protokol bunu deyir." in html  # the question's feedback, translated
    assert "Protokol onların adını çəkir." in html  # the choice's own feedback
    assert "Yes, the minutes say so." not in html
    work = Attempt.objects.get(student=student, kind=Attempt.Kind.LESSON)
    score = work.scores.get(question=question)
    assert score.state == "correct"
    # The same answer read in English gets the same score.
    switch(reader, assignment, original=True, back_to=url)
    assert "Yes, the minutes say so." in step(reader, assignment, "context")


def test_the_quiz_and_its_result_are_translated(reader, assignment):
    reader.post(reverse("learning:attempt_start", args=[assignment.pk]))
    attempt = Attempt.objects.get(kind=Attempt.Kind.QUIZ)
    html = reader.get(reverse("learning:attempt_take", args=[attempt.pk])).content.decode()
    assert "Hansı cümlə fikir bildirir?" in html
    assert "Kapitanlar daha rahat yatacaq." in html
    # A question the overlay leaves out is shown as written.
    assert "The notice counts the crowd exactly." in html
    assert "data-show-original" in html
    opinion = Question.objects.get(lesson=assignment.lesson, key="q-opinion")
    reader.post(
        reverse("learning:attempt_take", args=[attempt.pk]),
        {"items": attempt.item_order, f"{opinion.uid}-choice": "sleep", "action": "submit"},
    )
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED
    result = reader.get(reverse("learning:attempt_result", args=[attempt.pk])).content.decode()
    assert "Hansı cümlə fikir bildirir?" in result
    assert attempt.scores.get(question=opinion).state == "correct"


def test_the_translation_costs_two_queries_whatever_the_lesson_holds(reader, student, assignment):
    """The translation row and the reader's choice: two queries, not one per text."""
    url = reverse("learning:step", args=[assignment.pk, "context"])
    reader.get(url)  # the lesson-work record is made on the first visit

    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            assert reader.get(url).status_code == 200
        return len(context.captured_queries)

    translated = count()
    student.language = "en"  # the lesson's own language: nothing to look up
    student.save(update_fields=["language"])
    count()  # the lesson's content is cached per language: both counts read it from the cache
    assert translated == count() + 2
