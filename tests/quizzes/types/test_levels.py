"""Prose inside a question's spec at two reading levels: each type names its prose, the author's
`{standard, simpler}` is split so that the spec (what is graded) keeps the standard text, and a
page reads the spec, or a stored grading's feedback, at the student's level by the one rule of
`core.levels.at_level`."""

from __future__ import annotations

import pytest

from quizzes.types import registry
from quizzes.types.levels import prose_at_level, prose_paths, spec_at_level, split_levels

CLASSIFY = {
    "categories": [{"id": "fact", "label": "Fact"}, {"id": "opinion", "label": "Opinion"}],
    "items": [
        {
            "id": "cost",
            "text": "The bridge cost $18,500.",
            "category": "fact",
            "explanation": {
                "standard": "The council's minutes give the same cost.",
                "simpler": "The council wrote down the same cost.",
            },
        },
        {
            "id": "finer",
            "text": "No finer bridge.",
            "category": "opinion",
            "explanation": "A view.",
        },
    ],
}


def test_the_spec_keeps_the_standard_text_and_the_simpler_one_is_kept_by_path():
    split = split_levels(registry.get("classify"), CLASSIFY)
    assert split.issues == []
    assert split.spec["items"][0]["explanation"] == "The council's minutes give the same cost."
    assert split.simpler == {"items.0.explanation": "The council wrote down the same cost."}
    assert CLASSIFY["items"][0]["explanation"]["simpler"]  # the author's data is not changed


def test_a_spec_split_is_graded_exactly_as_the_same_spec_written_once():
    qt = registry.get("classify")
    once = {**CLASSIFY, "items": [dict(CLASSIFY["items"][0]), CLASSIFY["items"][1]]}
    once["items"][0]["explanation"] = "The council's minutes give the same cost."
    assert qt.dump_spec(qt.parse_spec(split_levels(qt, CLASSIFY).spec)) == qt.dump_spec(
        qt.parse_spec(once)
    )


@pytest.mark.parametrize(
    ("key", "patterns"),
    [
        ("single_choice", ("choices.*.feedback",)),
        ("multiple_choice", ("choices.*.feedback",)),
        ("true_false", ("feedback_true", "feedback_false")),
        ("classify", ("items.*.explanation",)),
        ("matrix", ("cells.*.*.explanation",)),
        ("select", ("feedback.*",)),
        ("free_text", ("sentence_starters.*", "paragraph_frame")),
        ("order", ()),
        ("match", ()),
        ("short_text", ()),
        ("numeric", ()),
    ],
)
def test_each_type_names_the_prose_a_student_reads(key, patterns):
    assert registry.get(key).prose_patterns({}) == patterns


def test_a_two_part_question_names_its_prompts_and_each_parts_prose_by_its_type():
    qt = registry.get("two_part")
    spec = {"part_a": {"prompt": "A"}, "part_b": {"type": "select", "prompt": "B"}}
    assert qt.prose_patterns(spec) == (
        "part_a.prompt",
        "part_b.prompt",
        "part_a.spec.choices.*.feedback",
        "part_b.spec.feedback.*",
    )
    assert qt.prose_patterns({"part_b": {"type": ["junk"]}})[:3] == (
        "part_a.prompt",
        "part_b.prompt",
        "part_a.spec.choices.*.feedback",
    )


def test_patterns_match_list_items_and_mapping_keys():
    spec = {"cells": {"r1": {"c1": {"explanation": "x"}, "c2": {}}}, "feedback": {"s1": "y"}}
    assert list(prose_paths(["cells.*.*.explanation", "feedback.*"], spec)) == [
        ("cells", "r1", "c1", "explanation"),
        ("feedback", "s1"),
    ]


@pytest.mark.parametrize(
    ("explanation", "where", "message"),
    [
        ({"simpler": "Short."}, ("items", 0, "explanation"), "missing field 'standard'"),
        ({"standard": "Long."}, ("items", 0, "explanation"), "missing field 'simpler'"),
        (
            {"standard": "Long.", "simpler": "Short.", "simplest": "S."},
            ("items", 0, "explanation", "simplest"),
            "unknown reading level 'simplest' (levels: standard, simpler)",
        ),
        ({"standard": "Long.", "simpler": "  "}, ("items", 0, "explanation", "simpler"), "empty"),
    ],
)
def test_a_leveled_text_that_is_not_standard_and_simpler_is_reported_at_its_path(
    explanation, where, message
):
    spec = {**CLASSIFY, "items": [{**CLASSIFY["items"][0], "explanation": explanation}]}
    split = split_levels(registry.get("classify"), spec)
    [(loc, text)] = split.issues
    assert loc == where
    assert message in text
    # Reported once: the type then reads a text there, not a mapping it would refuse again.
    assert isinstance(split.spec["items"][0]["explanation"], str)
    registry.get("classify").parse_spec(split.spec)


def test_two_levels_where_the_type_has_one_text_are_reported():
    spec = {**CLASSIFY, "categories": [{"id": "fact", "label": {"standard": "F", "simpler": "f"}}]}
    split = split_levels(registry.get("classify"), spec)
    assert split.issues == [
        (("categories", 0, "label"), "this text has one version for every reading level")
    ]
    assert split.spec["categories"][0]["label"] == "F"  # reported once, not again as "not text"


def test_one_standard_text_simplified_two_ways_in_a_question_is_reported():
    same = "The council's minutes give the same cost."
    items = [
        {**CLASSIFY["items"][0]},
        {**CLASSIFY["items"][1], "explanation": {"standard": same, "simpler": "Other words."}},
    ]
    [(loc, message)] = split_levels(registry.get("classify"), {**CLASSIFY, "items": items}).issues
    assert loc == ("items", 1, "explanation", "simpler")
    assert "another simpler text" in message


def test_the_spec_and_stored_feedback_read_at_each_level():
    qt = registry.get("classify")
    split = split_levels(qt, CLASSIFY)
    stored = qt.dump_spec(qt.parse_spec(split.spec))
    simpler = spec_at_level(stored, split.simpler, "simpler")
    assert simpler["items"][0]["explanation"] == "The council wrote down the same cost."
    assert simpler["items"][1]["explanation"] == "A view."  # one text serves both levels
    assert spec_at_level(stored, split.simpler, "standard") == stored
    assert prose_at_level(stored, split.simpler, "simpler") == {
        "The council's minutes give the same cost.": "The council wrote down the same cost."
    }
    assert prose_at_level(stored, split.simpler, "standard") == {}


def test_a_simpler_text_whose_path_no_longer_fits_is_ignored():
    stored = {"items": [{"id": "a", "explanation": "x"}]}
    assert spec_at_level(stored, {"items.5.explanation": "y", "items.0.id.z": "w"}, "simpler") == (
        stored
    )
    assert prose_at_level(stored, {"items.5.explanation": "y"}, "simpler") == {}


def test_a_spec_made_only_of_level_names_is_left_to_the_type_to_refuse():
    split = split_levels(registry.get("classify"), {"standard": "a", "simpler": "b"})
    assert split.issues == []
    with pytest.raises(ValueError, match="categories"):
        registry.get("classify").parse_spec(split.spec)
