"""The Khojaly lesson at two reading levels: every step's explanations and every activity's
instructions are written twice, and each level reads at its ceiling (simpler at most grade 7,
standard at most grade 10, Flesch-Kincaid via textstat)."""

from __future__ import annotations

from pathlib import Path

import pytest

from authoring.package import validate_package
from authoring.package.readability import MAX_GRADE, readability_grades, readability_problems

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def package():
    result = validate_package(ROOT / "seeds" / "khojaly")
    assert result.package is not None, result
    return result.package


def test_the_lesson_reads_at_both_levels(package):
    assert readability_problems(package) == []


def test_every_step_is_graded_at_both_levels(package):
    graded = {(g.step, g.level) for g in readability_grades(package)}
    kinds = {step.kind for step in package.steps}
    assert graded == {(kind, level) for kind in kinds for level in MAX_GRADE}


def test_every_step_body_and_activity_prompt_has_a_simpler_version(package):
    for step in package.steps:
        assert step.body_simpler and step.body_simpler != step.body, step.kind
        for question in step.questions:
            assert question.prompt_simpler, question.id
            assert question.prompt_simpler != question.prompt, question.id


def test_the_simpler_texts_are_easier_than_the_standard_ones(package):
    grades = {(g.step, g.level): g.grade for g in readability_grades(package)}
    for step in package.steps:
        assert grades[(step.kind, "simpler")] < grades[(step.kind, "standard")], step.kind


def test_the_reflection_offers_sentence_starters_and_a_paragraph_frame(package):
    [step] = [s for s in package.steps if s.kind == "reflection"]
    [reflection] = [q for q in step.questions if q.id == "reflection"]
    assert len(reflection.spec["sentence_starters"]) >= 3
    assert reflection.spec["paragraph_frame"].count("___") >= 4
