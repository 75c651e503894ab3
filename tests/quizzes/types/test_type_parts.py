"""What each type says of its own public spec and stored responses: part labels, value labels,
picks for item analysis, and which lists are shuffled. Pure tables, no database."""

import random

import pytest

from quizzes.types import Context, MissingType, PartLabel, PartLabels, registry

CTX = Context(
    sentences={
        "s1": "The town was shelled daily.",
        "s2": "Armenian forces fired upon the fleeing refugees.",
    }
)
CHOICES = {
    "choices": [{"id": "alpha", "text": "Alpha", "correct": True}, {"id": "beta", "text": "Beta"}]
}
CATEGORIES = [{"id": "fact", "label": "Fact"}, {"id": "opinion", "label": "Opinion"}]

# Per type: a spec as an author writes it (prepared with CTX).
SPECS = {
    "single_choice": CHOICES,
    "multiple_choice": CHOICES,
    "true_false": {"answer": False},
    "classify": {
        "categories": CATEGORIES,
        "items": [
            {"id": "shelled", "sentence": "s1", "category": "fact"},
            {"id": "fired", "sentence": "s2", "text": "fired upon", "category": "opinion"},
            {"id": "own", "text": "Own words", "category": "opinion"},
        ],
    },
    "select": {"unit": "word", "within": ["s1"], "key": [{"sentence": "s1", "text": "shelled"}]},
    "match": {
        "prompts": [{"id": "hrw", "text": "Helsinki Watch"}],
        "options": [{"id": "ngo", "text": "Investigation"}, {"id": "state", "text": "Official"}],
        "key": {"hrw": "ngo"},
    },
    "order": {"items": [{"id": "ussr", "text": "USSR ends"}, {"id": "khojaly", "text": "Fall"}]},
    "short_text": {"accepted": ["HRW"]},
    "numeric": {"answer": 6300, "unit": "people"},
    "matrix": {
        "rows": [{"id": "toll", "text": "Death toll"}],
        "columns": [{"id": "hrw", "text": "Helsinki Watch"}],
        "categories": CATEGORIES,
        "cells": {"toll": {"hrw": {"category": "fact"}}},
    },
    "free_text": {},
    "two_part": {
        "part_a": {"prompt": "Claim?", "spec": CHOICES},
        "part_b": {
            "prompt": "Evidence?",
            "type": "select",
            "spec": {"unit": "sentence", "key": ["s2"]},
        },
    },
}

LABELS = {
    "single_choice": {"alpha": "Alpha", "beta": "Beta"},
    "multiple_choice": {"alpha": "Alpha", "beta": "Beta"},
    "true_false": {},
    "classify": {
        "shelled": "The town was shelled daily. (s1)",
        "fired": "fired upon (s2)",
        "own": "Own words",
    },
    "select": {
        "s1.w1": "The (s1)",
        "s1.w2": "town (s1)",
        "s1.w3": "was (s1)",
        "s1.w4": "shelled (s1)",
        "s1.w5": "daily (s1)",
    },
    "match": {"hrw": "Helsinki Watch", "ngo": "Investigation", "state": "Official"},
    "order": {"ussr": "USSR ends", "khojaly": "Fall"},
    "short_text": {},
    "numeric": {},
    "matrix": {"toll": "Death toll", "hrw": "Helsinki Watch"},
    "free_text": {},
    "two_part": {
        "alpha": "Alpha",
        "beta": "Beta",
        "s1": "The town was shelled daily.",
        "s2": "Armenian forces fired upon the fleeing refugees.",
    },
}

VALUES = {key: {} for key in SPECS} | {
    "classify": {"fact": "Fact", "opinion": "Opinion"},
    "matrix": {"fact": "Fact", "opinion": "Opinion"},
    "true_false": {"true": "True", "false": "False"},  # the words on its buttons
}

# Per type: a stored response and what it picks, (part, answer).
PICKS = {
    "single_choice": ({"choice": "beta"}, [("choice", "beta")]),
    "multiple_choice": (
        {"choices": ["alpha", "beta"]},
        [("choices", "alpha"), ("choices", "beta")],
    ),
    "true_false": ({"answer": True}, [("answer", "true")]),
    "classify": ({"answers": {"own": "fact"}}, [("answers.own", "fact")]),
    "select": ({"selected": ["s1.w4"]}, [("selected", "s1.w4")]),
    "match": ({"pairs": {"hrw": "state"}}, [("pairs.hrw", "state")]),
    "order": ({"order": ["khojaly", "ussr"]}, [("khojaly", "1"), ("ussr", "2")]),
    "short_text": ({"text": "  Human   Rights Watch "}, [("text", "Human Rights Watch")]),
    "numeric": ({"value": "6,300"}, [("value", "6,300")]),
    "matrix": ({"cells": {"toll": {"hrw": "opinion"}}}, [("cells.toll.hrw", "opinion")]),
    "free_text": ({"text": "A long answer."}, []),  # prose: never tallied
    "two_part": (
        {"a": {"choice": "alpha"}, "b": {"selected": ["s2"]}},
        [("a.choice", "alpha"), ("b.selected", "s2")],
    ),
}

SHUFFLED = {key: () for key in SPECS} | {
    "single_choice": ("choices",),
    "multiple_choice": ("choices",),
    "match": ("options",),
}


def public(key: str) -> dict:
    qt = registry.get(key)
    return qt.public_spec(qt.prepare(qt.parse_spec(SPECS[key]), CTX))


def test_the_tables_cover_every_registered_type():
    for table in (SPECS, LABELS, VALUES, PICKS, SHUFFLED):
        assert set(table) == set(registry.keys())


@pytest.mark.parametrize("key", registry.keys())
def test_part_labels_name_what_an_answer_is_about(key):
    labels = registry.get(key).part_labels(public(key))
    assert isinstance(labels, PartLabels)
    assert {ident: label.with_sentence for ident, label in labels.items()} == LABELS[key]


@pytest.mark.parametrize("key", registry.keys())
def test_value_labels_are_the_answers_that_are_not_parts(key):
    assert registry.get(key).value_labels(public(key)) == VALUES[key]


@pytest.mark.parametrize("key", registry.keys())
def test_picks_of_a_stored_response(key):
    data, expected = PICKS[key]
    qt = registry.get(key)
    assert qt.picks(data) == expected
    assert qt.picks(None) == qt.picks({}) == []


@pytest.mark.parametrize("key", registry.keys())
def test_the_key_is_picked_like_any_answer(key):
    qt = registry.get(key)
    spec = qt.prepare(qt.parse_spec(SPECS[key]), CTX)
    picks = qt.picks(qt.dump_response(qt.correct_response(spec)))
    assert (picks == []) is (key == "free_text")


@pytest.mark.parametrize("key", sorted(set(registry.keys()) - {"two_part"}))
def test_shuffle_moves_only_the_lists_whose_order_means_nothing(key):
    qt = registry.get(key)
    assert qt.shuffled_keys == SHUFFLED[key]
    assert qt.shuffles is bool(SHUFFLED[key])
    original = public(key)
    seen = {repr(qt.shuffle(public(key), random.Random(seed))) for seed in range(20)}
    if not SHUFFLED[key]:
        assert seen == {repr(original)}
        return
    for seed in range(20):
        shuffled = qt.shuffle(public(key), random.Random(seed))
        assert {k: v for k, v in shuffled.items() if k not in SHUFFLED[key]} == {
            k: v for k, v in original.items() if k not in SHUFFLED[key]
        }
        for name in SHUFFLED[key]:
            assert sorted(map(repr, shuffled[name])) == sorted(map(repr, original[name]))
    assert len(seen) > 1


def test_a_two_part_shuffles_each_part_by_its_own_type():
    """Part A's choices move; part B here is a select, whose sentences never do."""
    qt = registry.get("two_part")
    assert qt.shuffles
    original = public("two_part")
    seen = set()
    for seed in range(20):
        shuffled = qt.shuffle(public("two_part"), random.Random(seed))
        assert shuffled["part_b"] == original["part_b"]
        choices = shuffled["part_a"]["spec"]["choices"]
        assert sorted(map(repr, choices)) == sorted(
            map(repr, original["part_a"]["spec"]["choices"])
        )
        seen.add(repr(choices))
    assert len(seen) > 1


def test_the_same_seed_gives_the_same_order():
    qt = registry.get("match")
    first = qt.shuffle(public("match"), random.Random("7:42"))
    assert qt.shuffle(public("match"), random.Random("7:42")) == first


def test_a_compound_part_id_is_labelled_by_the_ids_it_is_made_of():
    labels = registry.get("matrix").part_labels(public("matrix"))
    assert [label.text for label in labels.find("toll.hrw")] == ["Death toll", "Helsinki Watch"]
    assert labels.find("toll") == (PartLabel("toll", "Death toll"),)
    assert labels.find("choice") == ()
    two_part = registry.get("two_part").part_labels(public("two_part"))
    (evidence,) = two_part.find("b.s2")
    assert evidence.sentence == "s2" and evidence.with_sentence == evidence.text


def test_the_first_label_of_an_id_wins():
    # A prompt and an option may share an id: the prompt, listed first, names it.
    spec = {"prompts": [{"id": "x", "text": "Prompt"}], "options": [{"id": "x", "text": "Opt"}]}
    assert registry.get("match").part_labels(spec)["x"].text == "Prompt"


def test_a_missing_type_labels_picks_and_shuffles_nothing():
    qt = MissingType("essay")
    spec = {"type": "essay"}
    assert qt.part_labels(spec) == {} and qt.value_labels(spec) == {}
    assert qt.picks({"text": "An old answer"}) == []
    assert qt.shuffle(dict(spec), random.Random(1)) == spec
