"""The Khojaly lesson at two reading levels: every step's explanations and every activity's
instructions are written twice, and each level reads at its ceiling (simpler at most grade 7,
standard at most grade 10, Flesch-Kincaid via textstat)."""

from __future__ import annotations

from pathlib import Path

import pytest

from authoring.package import validate_package
from authoring.package.readability import (
    MAX_GRADE,
    plain,
    readability_grades,
    readability_problems,
)

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


def test_every_quiz_prompt_has_a_simpler_version(package):
    assert len(package.quiz.items) == 13
    for question in package.quiz.items:
        assert question.prompt_simpler, question.id
        assert question.prompt_simpler != question.prompt, question.id


# Texts already plain enough to serve both levels as they are (one sentence each, or a bare
# citation): written once, as the format allows.
ONE_TEXT = {
    ("ctx-airport", "choices.1.feedback"),
    ("fi-omissions", "choices.5.feedback"),
    ("fi-omissions", "choices.6.feedback"),
    ("cor-matrix", "cells.r-toll.dewaal-2003.explanation"),
    ("q-quotations", "part_a.prompt"),
}


def test_every_explanation_and_writing_help_in_a_spec_has_a_simpler_version(package):
    """Every prose text a student reads inside a question (as its type names them) is written
    at both levels, in the activities and in the quiz, except the few already plain."""
    import textstat

    from quizzes.types import registry
    from quizzes.types.levels import dotted, prose_paths

    for question in package.questions():
        qt = registry.get(question.type)
        for path in prose_paths(qt.prose_patterns(question.spec), question.spec):
            value = question.spec
            for part in path:
                value = value[part]
            if not (isinstance(value, str) and value.strip()):
                continue
            simpler = question.spec_simpler.get(dotted(path))
            if (question.id, dotted(path)) in ONE_TEXT:
                assert simpler is None
                assert textstat.flesch_kincaid_grade(plain(value)) <= MAX_GRADE["simpler"]
            else:
                assert simpler and simpler != value, (question.id, dotted(path))
