from fractions import Fraction

import pytest
from pydantic import ValidationError

from quizzes.types import ResponseError, registry

qt = registry.get("match")

SPEC = qt.parse_spec(
    {
        "prompts": [
            {"id": "hrw", "text": "Helsinki Watch, 1992"},
            {"id": "az", "text": "Azerbaijan's government"},
            {"id": "am", "text": "Armenia's government"},
        ],
        "options": [
            {"id": "ngo", "text": "Independent investigation"},
            {"id": "state", "text": "Official position"},
            {"id": "press", "text": "Contemporary press"},
        ],
        "key": {"hrw": "ngo", "az": "state", "am": "state"},  # an option may serve twice
    }
)


@pytest.mark.parametrize(
    ("pairs", "fraction"),
    [
        ({"hrw": "ngo", "az": "state", "am": "state"}, Fraction(1)),
        ({"hrw": "ngo", "az": "state", "am": "press"}, Fraction(2, 3)),
        ({"hrw": "ngo"}, Fraction(1, 3)),
        ({}, Fraction(0)),
    ],
)
def test_each_prompt_earns_an_equal_share(pairs, fraction):
    assert qt.grade(SPEC, {"pairs": pairs}).fraction == fraction


def test_a_wrong_pair_shows_the_right_option():
    part = qt.grade(SPEC, {"pairs": {"hrw": "press"}}).parts[0]
    assert (part.id, part.correct, part.expected) == ("hrw", False, "Independent investigation")


@pytest.mark.parametrize("pairs", [{"x": "ngo"}, {"hrw": "x"}, {"hrw": None}, ["hrw", "ngo"]])
def test_unknown_prompts_or_options_are_response_errors(pairs):
    with pytest.raises(ResponseError):
        qt.parse_response({"pairs": pairs}, SPEC)


def test_every_prompt_needs_a_key_that_names_an_option():
    raw = SPEC.model_dump() | {"key": {"hrw": "ngo", "az": "nope", "zz": "ngo"}}
    with pytest.raises(ValidationError) as caught:
        qt.parse_spec(raw)
    assert [(e["loc"], e["msg"]) for e in caught.value.errors()] == [
        (("key", "az"), "unknown option 'nope'"),
        (("key", "zz"), "unknown prompt 'zz'"),
        (("key",), "no option for prompt 'am'"),
    ]


def test_public_spec_lists_options_alphabetically_so_their_order_gives_nothing_away():
    public = qt.public_spec(SPEC)
    assert [o["id"] for o in public["options"]] == ["press", "ngo", "state"]
    assert "key" not in public
