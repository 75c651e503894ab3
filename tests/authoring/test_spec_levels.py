"""Explanations, choice feedback and other prose inside a question's spec at two reading levels,
in a package: validated at their lines, stored beside the spec, and never a key change."""

from __future__ import annotations

import shutil

import pytest

from authoring.services import lesson_packages_load
from lessons.models import Lesson
from quizzes import services
from quizzes.models import Attempt, Question
from tests.conftest import EXAMPLE_PACKAGE


def test_the_spec_holds_the_standard_text_and_the_simpler_ones_are_kept_by_path(example_copy):
    package = example_copy.validate().package
    questions = {q.id: q for q in package.questions()}
    statements = questions["fi-statements"]
    crowd = next(i for i in statements.spec["items"] if i["id"] == "crowd")
    assert crowd["explanation"] == "The clerk counted about 1,200; the paper's figure is disputed."
    assert statements.spec_simpler == {
        "items.1.explanation": "The clerk counted about 1,200 people. So the paper's number is in "
        "doubt."
    }
    assert questions["q-evidence"].spec_simpler == {
        "part_a.prompt": "What does the paper do with the people who did not like the bridge?"
    }
    assert questions["q-purpose"].spec_simpler == {}


def test_a_simpler_explanation_without_its_standard_is_reported_at_its_line(example_copy):
    example_copy.edit(
        "                standard: The clerk counted about 1,200; the paper's figure is "
        "disputed.\n",
        "",
    )
    errors = example_copy.errors()
    assert (
        example_copy.line("- id: crowd") + 4,
        "steps[4].activities[0].spec.items[1].explanation",
        "missing field 'standard': a text at two reading levels needs both ('standard', 'simpler')",
    ) in errors, errors


def test_a_level_that_does_not_exist_is_reported_with_the_levels_that_do(example_copy):
    example_copy.edit("                simpler: The clerk", "                easier: The clerk")
    errors = example_copy.errors()
    assert (
        example_copy.line("easier: The clerk"),
        "steps[4].activities[0].spec.items[1].explanation.easier",
        "unknown reading level 'easier' (levels: standard, simpler)",
    ) in errors, errors


def test_two_levels_on_a_text_that_has_one_are_reported(example_copy):
    example_copy.edit(
        "            - {id: opinion, label: Opinion}\n",
        "            - id: opinion\n              label: {standard: Opinion, simpler: View}\n",
    )
    errors = example_copy.errors()
    assert (
        example_copy.line("label: {standard: Opinion"),
        "steps[4].activities[0].spec.categories[2].label",
        "this text has one version for every reading level",
    ) in errors, errors
    assert len(errors) == 1


def test_a_simpler_text_is_held_to_the_fields_rules(example_copy):
    example_copy.edit(
        "simpler: The clerk counted about 1,200 people. So the paper's number is in doubt.",
        "simpler: " + "Too long. " * 1001,
    )
    [(line, path, message)] = example_copy.errors()
    assert path == "steps[4].activities[0].spec.items[1].explanation.simpler"
    assert line == example_copy.line("simpler: Too long.")
    assert message.startswith("at the simpler level: ")


@pytest.mark.django_db
def test_adding_or_changing_a_simpler_text_after_answers_is_a_new_version_not_a_key_change(
    tmp_path, student
):
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE_PACKAGE, folder)
    lesson_packages_load(paths=[folder])
    question = Question.objects.get(key="q-crowd-agree")
    attempt = services.attempt_start(
        student=student, lesson=Lesson.objects.get(), kind=Attempt.Kind.QUIZ
    )
    services.response_save(attempt=attempt, question_id=question.pk, data={"answer": True})
    path = folder / "lesson.yaml"
    path.write_text(
        path.read_text().replace(
            "simpler: Right. The clerk counted about 1,200 people. The paper said 2,000.",
            "simpler: Right. The clerk counted 1,200 people, and the paper said 2,000.",
        )
    )
    [result] = lesson_packages_load(paths=[folder])
    assert result.new_versions == ["q-crowd-agree"]
    assert result.key_changes == []
    new = Question.objects.get(key="q-crowd-agree", is_current=True)
    assert new.spec == question.spec
    assert new.spec_simpler == {
        "feedback_false": "Right. The clerk counted 1,200 people, and the paper said 2,000."
    }
