"""Simpler wordings in the editor: every text a student reads has a "Simpler wording" field
beside it, at any depth; saving writes `{standard, simpler}` where one is given and the plain
text otherwise; each wording stays with its text through edits and row actions; the level
rules show at their field in plain words."""

from __future__ import annotations

import copy
import re

import pytest

from quizzes.editors import item_editor
from quizzes.types import registry
from quizzes.types.levels import prose_paths

from .formdata import form_data
from .packages import package_items

CLASSIFY = {
    "id": "q-sort",
    "type": "classify",
    "prompt": "Sort the statements.",
    "skills": ["sourcing"],
    "spec": {
        "categories": [{"id": "fact", "label": "Fact"}, {"id": "view", "label": "Opinion"}],
        "items": [
            {
                "id": "a",
                "text": "The town had an airport.",
                "category": "fact",
                "explanation": {"standard": "Records show it.", "simpler": "Papers show it."},
            },
            {
                "id": "b",
                "text": "It was the worst day.",
                "category": "view",
                "explanation": {"standard": "A judgement.", "simpler": "Someone's view."},
            },
        ],
    },
}


def explanations(item):
    return {row["id"]: row.get("explanation") for row in item["spec"]["items"]}


def posted(item, press=None, **kwargs):
    html = item_editor(item["type"], spec=item, **kwargs).render()
    return form_data(html, press=press)


def test_an_item_with_simpler_texts_comes_back_unchanged():
    assert item_editor("classify", data=posted(CLASSIFY)).item() == CLASSIFY


def test_the_simpler_texts_are_fields_and_no_hidden_copy_rides_along():
    data = posted(CLASSIFY)
    assert data["q-spec-items-0-explanation-simpler"] == "Papers show it."
    assert data["q-spec-items-1-explanation-standard"] == "A judgement."
    assert not [name for name in data if name.endswith("--simpler")]


def test_every_prose_field_of_every_package_item_has_a_simpler_wording_field():
    seen = 0
    for _name, _loc, item, sentences in package_items():
        spec = item["spec"]
        paths = list(prose_paths(registry.get(item["type"]).prose_patterns(spec), spec))
        data = posted(item, sentences=sentences)
        fields = [n for n in data if n.startswith("q-spec-") and n.endswith("-simpler")]
        assert len(fields) >= len(paths), (item["id"], fields, paths)  # and empty ones
        seen += len(paths)
    assert seen >= 20  # the packages' explanations, choice feedback, parts' prompts...


def test_a_simpler_field_is_labelled_with_the_text_it_simplifies():
    html = item_editor("classify", spec=CLASSIFY).render()
    label = re.search(
        r'<label[^>]*for="id-q-spec-items-0-explanation-simpler"[^>]*>(.*?)</label>', html, re.S
    )
    assert label is not None
    assert "Simpler wording of “Explanation” (optional)" in " ".join(label.group(1).split())


def test_a_simpler_wording_typed_is_saved_with_its_text_and_an_emptied_one_goes():
    data = posted(CLASSIFY)
    data["q-spec-categories-0-label"] = "Fact"
    data["q-spec-items-0-explanation-simpler"] = ""
    data["q-spec-items-1-explanation-simpler"] = "What someone thinks."
    assert explanations(item_editor("classify", data=data).item()) == {
        "a": "Records show it.",
        "b": {"standard": "A judgement.", "simpler": "What someone thinks."},
    }


def test_a_rewritten_standard_text_keeps_the_simpler_wording_the_author_sees():
    data = posted(CLASSIFY)
    data["q-spec-items-0-explanation-standard"] = "Several records show it."
    assert explanations(item_editor("classify", data=data).item())["a"] == {
        "standard": "Several records show it.",
        "simpler": "Papers show it.",
    }


@pytest.mark.parametrize(
    ("press", "order"),
    [
        ("down:spec.items.0", ["b", "a"]),
        ("up:spec.items.1", ["b", "a"]),
        ("remove:spec.items.0", ["b"]),
    ],
)
def test_row_actions_keep_each_simpler_wording_with_its_row(press, order):
    moved = item_editor("classify", data=posted(CLASSIFY, press=("q--action", press)))
    assert moved.acted
    assert [row["id"] for row in moved.item()["spec"]["items"]] == order
    assert explanations(moved.item()) == {k: explanations(CLASSIFY)[k] for k in order}
    # and through the redrawn form, as a browser without JavaScript posts it next
    again = item_editor("classify", data=form_data(moved.render()))
    assert explanations(again.item()) == explanations(moved.item())


def test_an_added_row_starts_without_a_simpler_wording():
    added = item_editor("classify", data=posted(CLASSIFY, press=("q--action", "add:spec.items")))
    data = form_data(added.render())
    assert data["q-spec-items-2-explanation-simpler"] == ""
    assert explanations(item_editor("classify", data=data).item())["a"] == {
        "standard": "Records show it.",
        "simpler": "Papers show it.",
    }


TWO_PART = {
    "id": "q-two",
    "type": "two_part",
    "prompt": "Two parts.",
    "skills": ["sourcing"],
    "spec": {
        "part_a": {
            "prompt": {"standard": "Which claim?", "simpler": "What does it say?"},
            "spec": {
                "choices": [
                    {"id": "a", "text": "One", "correct": True, "feedback": "Yes."},
                    {"id": "b", "text": "Two", "correct": False},
                ]
            },
        },
        "part_b": {
            "prompt": "Which sentence shows it?",
            "type": "select",
            "spec": {"unit": "sentence", "key": ["s1"]},
        },
    },
}


def test_a_part_of_a_two_part_item_takes_simpler_wordings_at_every_depth():
    data = posted(TWO_PART, sentences={"s1": "One.", "s2": "Two."})
    assert data["q-spec-part_a-prompt-simpler"] == "What does it say?"
    data["q-spec-part_a-spec-choices-0-feedback-simpler"] = "Right."
    data["q-spec-part_b-prompt-simpler"] = "Find the sentence."
    spec = item_editor("two_part", data=data, sentences={"s1": "One.", "s2": "Two."}).item()["spec"]
    assert spec["part_a"]["prompt"] == {"standard": "Which claim?", "simpler": "What does it say?"}
    assert spec["part_a"]["spec"]["choices"][0]["feedback"] == {
        "standard": "Yes.",
        "simpler": "Right.",
    }
    assert spec["part_b"]["prompt"] == {
        "standard": "Which sentence shows it?",
        "simpler": "Find the sentence.",
    }


def test_a_simpler_wording_without_its_text_is_refused_at_the_text():
    data = posted(CLASSIFY)
    data["q-spec-items-0-explanation-standard"] = ""
    editor = item_editor("classify", data=data)
    assert not editor.is_valid()
    assert editor.errors[("spec", "items", 0, "explanation", "standard")] == [
        "Write this text too: a simpler wording goes with it."
    ]


def test_one_text_simplified_two_ways_is_refused_at_the_second_wording():
    data = posted(CLASSIFY)
    data["q-spec-items-1-explanation-standard"] = "Records show it."
    editor = item_editor("classify", data=data)
    assert not editor.is_valid()
    assert editor.errors[("spec", "items", 1, "explanation", "simpler")] == [
        "The same text has another simpler wording elsewhere in this question: "
        "give it the same one."
    ]
    html = editor.render()
    assert 'id="id-q-spec-items-1-explanation-simpler-error"' in html
    assert 'href="#id-q-spec-items-1-explanation-simpler"' in html


def test_an_unknown_reading_level_is_named_at_its_field():
    item = copy.deepcopy(CLASSIFY)
    item["spec"]["items"][0]["explanation"] = {"standard": "Records.", "easier": "Papers."}
    editor = item_editor("classify", spec=item)
    assert not editor.is_valid()
    assert editor.errors[("spec", "items", 0, "explanation")] == [
        "“easier” is not a reading level: write “standard” and “simpler”."
    ]


def test_a_field_that_is_not_prose_takes_no_simpler_wording():
    item = copy.deepcopy(CLASSIFY)
    item["spec"]["categories"][0]["label"] = {"standard": "Fact", "simpler": "True thing"}
    editor = item_editor("classify", spec=item)
    assert not editor.is_valid()
    assert (
        "This text is the same for every reader: write it once, without a simpler wording."
        in editor.errors[("spec", "categories", 0, "label")]
    )


def test_an_error_of_a_text_links_to_its_text_area():
    item = copy.deepcopy(CLASSIFY)
    item["prompt"] = ""
    editor = item_editor("classify", spec=item)
    assert not editor.is_valid()
    assert ("id-q-prompt-standard", "Prompt: Fill this in.") in editor.error_summary()
    assert 'id="id-q-prompt-standard-error"' in editor.render()
