"""A lesson's package out (a zip for teachers and authors) and in (an upload by a content
author): every mistake shown as file:line, nothing kept on error, never a 500."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from authoring.package.files import (
    FILE_BYTES,
    ZIP_BYTES,
    package_files_from_zip,
    package_files_read,
    package_files_to_zip,
)
from lessons.models import Lesson
from quizzes.models import KeyChange
from tests.conftest import EXAMPLE_PACKAGE

pytestmark = pytest.mark.django_db

IMPORT = "/exchange/lessons/import/"


def upload(client, data: bytes, name: str = "lesson.zip"):
    return client.post(IMPORT, {"package": SimpleUploadedFile(name, data, "application/zip")})


def example_zip(edit=lambda text: text) -> bytes:
    files = package_files_read(EXAMPLE_PACKAGE)
    files["lesson.yaml"] = edit(files["lesson.yaml"].decode()).encode()
    return package_files_to_zip(files)


def test_a_teacher_downloads_the_lesson_package_as_a_named_zip(client, teacher, example_lesson):
    client.force_login(teacher)

    response = client.get(f"/exchange/lessons/{example_lesson.slug}/package.zip")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="millbrook-bridge-1911.zip"'
    assert package_files_from_zip(response.content) == package_files_read(EXAMPLE_PACKAGE)


def test_the_lesson_list_links_each_lessons_package(client, teacher, example_lesson):
    client.force_login(teacher)

    page = client.get(reverse("classroom:lesson_list")).content.decode()

    assert f'href="/exchange/lessons/{example_lesson.slug}/package.zip"' in page


def test_a_student_never_gets_the_package(client, student, example_lesson):
    client.force_login(student)

    assert client.get(f"/exchange/lessons/{example_lesson.slug}/package.zip").status_code == 403
    assert client.get(IMPORT).status_code == 403


def test_a_teacher_cannot_import_a_package(client, teacher):
    client.force_login(teacher)

    assert upload(client, example_zip()).status_code == 403
    assert not Lesson.objects.exists()


def test_an_author_imports_a_package_and_is_told_it_was_created(client, author):
    client.force_login(author)

    response = upload(client, example_zip())

    assert response.status_code == 200
    assert "millbrook-bridge-1911” was created" in response.content.decode()
    assert Lesson.objects.get(slug="millbrook-bridge-1911").package_files.count() == 3


def test_a_package_with_mistakes_lists_each_as_file_and_line_and_keeps_nothing(client, author):
    client.force_login(author)
    broken = example_zip(lambda t: t.replace("points: 2", "points: many", 1).replace("q-", "Q ", 1))

    response = upload(client, broken)

    page = response.content.decode()
    assert response.status_code == 400
    assert 'role="alert"' in page
    assert "Nothing was imported: the package has 2 mistakes" in page
    assert page.count('<li class="font-monospace">lesson.yaml:') == 2
    assert not Lesson.objects.exists()


def test_reimporting_a_changed_key_names_the_answered_questions_to_regrade(
    client, author, example_lesson, student
):
    from quizzes import services

    attempt = services.attempt_start(student=student, lesson=example_lesson)
    services.attempt_submit(attempt=attempt)
    client.force_login(author)
    changed = example_zip(lambda t: t.replace("answer: false", "answer: true", 1))

    response = upload(client, changed)

    page = response.content.decode()
    assert response.status_code == 200
    assert "was updated" in page
    change = KeyChange.objects.get()
    assert f"{change.key}: version 1 → 2; 1 submitted attempt was graded with the old key" in page
    assert "Regrade page" in page


def test_a_file_over_the_limit_is_refused_with_413_before_reading(client, author):
    client.force_login(author)

    response = upload(client, b"PK" + b"\0" * ZIP_BYTES)

    assert response.status_code == 413
    assert "The file is over 10 MB" in response.content.decode()


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


JUNK = {
    "not a zip": b"lesson: yes\n",
    "empty file": b"",
    "garbage zip": b"PK\x03\x04" + bytes(range(256)) * 4,
    "zip bomb": _zip({"lesson.yaml": b"x", "bomb.txt": b"\0" * (20 * FILE_BYTES)}),
    "traversal path": _zip({"lesson.yaml": b"x", "../../outside.txt": b"x"}),
    "absolute path": _zip({"/etc/lesson.yaml": b"x"}),
    "no lesson.yaml": _zip({"readme.txt": b"hello"}),
    "yaml that is not a package": _zip({"lesson.yaml": b"- just\n- a list\n"}),
    "yaml syntax error": _zip({"lesson.yaml": b"title: [unclosed\n"}),
    "binary lesson.yaml": _zip({"lesson.yaml": bytes(range(256))}),
    "a document outside the package": _zip(
        {"lesson.yaml": b"format: 1\nsource: {file: ../../../etc/passwd}\n"}
    ),
}


@pytest.mark.parametrize("data", JUNK.values(), ids=JUNK.keys())
def test_junk_uploads_are_refused_plainly_and_never_answer_500(client, author, data):
    client.force_login(author)

    response = upload(client, data)

    assert response.status_code == 400
    assert "Traceback" not in response.content.decode()
    assert not Lesson.objects.exists()


def test_a_post_without_a_file_is_refused_at_the_field(client, author):
    client.force_login(author)

    response = client.post(IMPORT, {})

    assert response.status_code == 400
    assert not Lesson.objects.exists()


def test_a_package_naming_a_teachers_private_lesson_is_refused_and_changes_nothing(
    client, author, teacher, example_lesson
):
    example_lesson.owner, example_lesson.visibility = teacher, "private"
    example_lesson.save()
    title = example_lesson.title
    client.force_login(author)

    response = upload(client, example_zip(lambda t: t.replace(title, "Replaced", 1)))

    assert response.status_code == 409
    assert "private lesson already uses this lesson" in response.content.decode()
    example_lesson.refresh_from_db()
    assert (example_lesson.title, example_lesson.owner) == (title, teacher)


def test_a_school_lesson_of_the_same_slug_is_updated_as_before(client, author, example_lesson):
    client.force_login(author)

    response = upload(client, example_zip(lambda t: t.replace(example_lesson.title, "New", 1)))

    assert response.status_code == 200
    assert Lesson.objects.get(pk=example_lesson.pk).title.startswith("New")
