"""Who may download a quiz (it holds the key) and who may import into a lesson."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from quizzes.models import Question

from .test_moodle_xml import BANK


@pytest.mark.parametrize("name", ["quiz-moodle.xml", "quiz-qti12.zip"])
def test_a_teacher_downloads_the_quiz(client, teacher, example_lesson, name):
    client.force_login(teacher)

    response = client.get(f"/exchange/lessons/{example_lesson.slug}/{name}")

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"<?xml" if name.endswith("xml") else b"PK")


@pytest.mark.parametrize("name", ["quiz-moodle.xml", "quiz-qti12.zip", "import/"])
def test_a_student_gets_neither_the_key_nor_the_import(client, student, example_lesson, name):
    client.force_login(student)

    assert client.get(f"/exchange/lessons/{example_lesson.slug}/{name}").status_code == 403


def test_an_unknown_lesson_is_a_404(client, teacher):
    client.force_login(teacher)

    assert client.get("/exchange/lessons/no-such-lesson/quiz-moodle.xml").status_code == 404


def test_a_teacher_cannot_import_into_a_shared_lesson(client, teacher, example_lesson):
    client.force_login(teacher)

    assert client.get(f"/exchange/lessons/{example_lesson.slug}/import/").status_code == 403


def test_an_author_imports_a_bank(client, author, example_lesson):
    client.force_login(author)
    upload = SimpleUploadedFile("bank.xml", BANK, content_type="text/xml")

    response = client.post(f"/exchange/lessons/{example_lesson.slug}/import/", {"bank": upload})

    assert response.status_code == 200
    assert b"3 questions were added" in response.content
    assert Question.objects.filter(lesson=example_lesson, key__startswith="moodle-").count() == 3


def test_a_bad_bank_is_a_400_page_with_the_reasons(client, author, example_lesson):
    client.force_login(author)
    upload = SimpleUploadedFile("bank.xml", b"<quiz><question", content_type="text/xml")

    response = client.post(f"/exchange/lessons/{example_lesson.slug}/import/", {"bank": upload})

    assert response.status_code == 400
    assert b"not well-formed" in response.content


def test_the_import_form_needs_a_file(client, author, example_lesson):
    client.force_login(author)

    response = client.post(f"/exchange/lessons/{example_lesson.slug}/import/", {})

    assert response.status_code == 400
