"""Loading packages: idempotent, atomic, and never rewriting a question students answered."""

import shutil

import pytest
from django.core.management import CommandError, call_command

from authoring.services import PackageInvalid, lesson_packages_load
from lessons.models import Lesson, Sentence, Source
from quizzes import services
from quizzes.models import Attempt, Question, Response
from tests.conftest import EXAMPLE_PACKAGE

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        list(Lesson.objects.values()),
        list(Question.objects.order_by("pk").values()),
        list(Sentence.objects.values_list("key", "text")),
        list(Source.objects.values_list("key", "title")),
    )


@pytest.fixture
def package(tmp_path):
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE_PACKAGE, folder)
    return folder


def edit(folder, old: str, new: str) -> None:
    path = folder / "lesson.yaml"
    text = path.read_text()
    assert old in text, f"{old!r} not in the example package"
    path.write_text(text.replace(old, new, 1))


def test_loading_creates_the_lesson_with_sentences_sources_steps_and_questions(example_lesson):
    assert example_lesson.sentences.count() > 5
    assert example_lesson.sources.filter(kind=Source.Kind.MAIN).count() == 1
    assert example_lesson.sources.filter(kind=Source.Kind.COMPARISON).count() >= 2
    assert example_lesson.steps.first().kind == "context"
    assert Question.objects.filter(lesson=example_lesson, step__kind="quiz").count() >= 5


def test_loading_the_same_package_twice_changes_nothing(package):
    lesson_packages_load(paths=[package])
    before = snapshot()
    results = lesson_packages_load(paths=[package])
    assert [r.status for r in results] == ["unchanged"]
    assert snapshot() == before


def test_forced_reload_of_an_unchanged_package_changes_no_question(package):
    lesson_packages_load(paths=[package])
    before = list(Question.objects.order_by("pk").values())
    lesson_packages_load(paths=[package], force=True)
    assert list(Question.objects.order_by("pk").values()) == before


def test_a_changed_question_without_answers_is_updated_in_place(package):
    lesson_packages_load(paths=[package])
    question = Question.objects.get(key="q-purpose")
    edit(package, question.prompt.splitlines()[0], "A new prompt line")
    lesson_packages_load(paths=[package])
    updated = Question.objects.get(key="q-purpose", is_current=True)
    assert updated.pk == question.pk
    assert updated.version == 1
    assert "A new prompt line" in updated.prompt


def test_a_changed_question_with_answers_gets_a_new_version_and_old_answers_stay(package, student):
    lesson_packages_load(paths=[package])
    lesson = Lesson.objects.get()
    attempt = services.attempt_start(student=student, lesson=lesson)
    question = Question.objects.get(key="q-purpose")
    spec = question.spec
    choice = spec["choices"][0]["id"]
    services.response_save(attempt=attempt, question_id=question.pk, data={"choice": choice})

    edit(package, question.prompt.splitlines()[0], "A reworded prompt")
    results = lesson_packages_load(paths=[package])

    assert results[0].new_versions == ["q-purpose"]
    versions = Question.objects.filter(key="q-purpose").order_by("version")
    assert [(q.version, q.is_current) for q in versions] == [(1, False), (2, True)]
    response = Response.objects.get()
    assert response.question_id == question.pk
    assert response.question.prompt == question.prompt
    # The attempt in progress stays pinned to the version it started with.
    attempt.refresh_from_db()
    assert question.pk in attempt.item_order


def test_an_invalid_package_loads_nothing_and_reports_file_and_line(package):
    edit(package, "slug: millbrook-bridge-1911", "slug: millbrook-bridge-1911\nsurprise: 1")
    with pytest.raises(PackageInvalid) as raised:
        lesson_packages_load(paths=[package])
    assert any("surprise" in e.render() and ":" in e.render() for e in raised.value.errors)
    assert Lesson.objects.count() == 0


def test_load_lessons_command_reports_errors_and_fails(package, capsys):
    edit(package, "slug: millbrook-bridge-1911", "slug: millbrook-bridge-1911\nsurprise: 1")
    with pytest.raises(CommandError, match="nothing was loaded"):
        call_command("load_lessons", str(package))
    assert "lesson.yaml:" in capsys.readouterr().err


def test_load_lessons_command_loads_and_says_so(package, capsys):
    call_command("load_lessons", str(package))
    assert "millbrook-bridge-1911: created" in capsys.readouterr().out
    call_command("load_lessons", str(package))
    assert "millbrook-bridge-1911: unchanged" in capsys.readouterr().out


def test_attempts_keep_working_after_a_question_is_removed_from_the_package(package, student):
    lesson_packages_load(paths=[package])
    lesson = Lesson.objects.get()
    attempt = services.attempt_start(student=student, lesson=lesson)
    question = Question.objects.get(key="q-toll")
    text = (package / "lesson.yaml").read_text()
    start = text.index("    - id: q-toll")
    end = text.index("    - id:", start + 5)
    (package / "lesson.yaml").write_text(text[:start] + text[end:])

    results = lesson_packages_load(paths=[package])

    assert results[0].retired == ["q-toll"]
    question.refresh_from_db()
    assert question.is_current is False
    services.attempt_submit(attempt=attempt)
    assert Attempt.objects.get().points_possible > 0


# --- the order choices are shown in ---------------------------------------------------------


def test_each_new_question_draws_its_own_order_seed(package):
    lesson_packages_load(paths=[package])
    seeds = list(Question.objects.values_list("order_seed", flat=True))
    assert len(set(seeds)) == len(seeds)


def test_a_new_version_keeps_the_order_its_students_saw(package, student):
    lesson_packages_load(paths=[package])
    question = Question.objects.get(key="q-purpose")
    attempt = services.attempt_start(student=student, lesson=Lesson.objects.get())
    services.response_save(attempt=attempt, question_id=question.pk, data={"choice": "neutral"})
    edit(package, "To give a neutral record of the opening", "To give a neutral account")
    lesson_packages_load(paths=[package])
    new = Question.objects.get(key="q-purpose", is_current=True)
    assert new.version == 2
    assert new.order_seed == question.order_seed


def test_fixed_order_is_loaded_and_changing_it_on_an_answered_question_makes_a_version(
    package, student
):
    lesson_packages_load(paths=[package])
    question = Question.objects.get(key="q-purpose")
    assert question.fixed_order is False
    attempt = services.attempt_start(student=student, lesson=Lesson.objects.get())
    services.response_save(attempt=attempt, question_id=question.pk, data={"choice": "neutral"})
    edit(package, "    - id: q-purpose\n", "    - id: q-purpose\n      fixed_order: true\n")
    assert lesson_packages_load(paths=[package])[0].new_versions == ["q-purpose"]
    assert Question.objects.get(key="q-purpose", is_current=True).fixed_order is True
    question.refresh_from_db()
    assert question.fixed_order is False  # the answered version is left as it was


def test_the_package_gives_the_quiz_its_default_feedback_level(package):
    lesson_packages_load(paths=[package])
    assert Lesson.objects.get().quiz.feedback_level == "full"  # unset: full feedback
    edit(package, "    show_key: after_due\n", "    show_key: after_due\n    feedback: outcomes\n")
    lesson_packages_load(paths=[package])
    assert Lesson.objects.get().quiz.feedback_level == "outcomes"
