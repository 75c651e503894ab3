from fractions import Fraction

import pytest
from pydantic import ValidationError

from quizzes.types import ResponseError, registry

qt = registry.get("multiple_choice")

# Three correct choices (a, b, c), three wrong ones (x, y, z).
SPEC = qt.parse_spec(
    {
        "choices": [
            {"id": "a", "text": "A", "correct": True, "feedback": "A is evidence."},
            {"id": "x", "text": "X", "feedback": "X is an opinion."},
            {"id": "b", "text": "B", "correct": True},
            {"id": "y", "text": "Y"},
            {"id": "c", "text": "C", "correct": True},
            {"id": "z", "text": "Z"},
        ]
    }
)


@pytest.mark.parametrize(
    ("chosen", "fraction"),
    [
        (["a", "b", "c"], Fraction(1)),
        (["a", "b"], Fraction(2, 3)),
        (["a"], Fraction(1, 3)),
        (["a", "b", "c", "x"], Fraction(2, 3)),  # each wrong pick cancels a right one
        (["a", "b", "x"], Fraction(1, 3)),
        (["a", "x"], Fraction(0)),
        (["a", "x", "y"], Fraction(0)),  # never below zero
        (["x"], Fraction(0)),
        ([], Fraction(0)),
    ],
)
def test_score_is_right_picks_minus_wrong_picks_over_correct_choices(chosen, fraction):
    assert qt.grade(SPEC, {"choices": chosen}).fraction == fraction


def test_choosing_every_choice_scores_zero_when_half_are_wrong():
    assert qt.grade(SPEC, {"choices": ["a", "b", "c", "x", "y", "z"]}).fraction == 0


def test_choosing_every_choice_scores_full_marks_only_when_all_are_correct():
    spec = qt.parse_spec({"choices": [{"id": i, "text": i, "correct": True} for i in "ab"]})
    assert qt.grade(spec, {"choices": ["a", "b"]}).fraction == 1


def test_each_choice_is_a_part_judged_by_the_decision_to_pick_it():
    result = qt.grade(SPEC, {"choices": ["a", "x"]})
    by_id = {p.id: p for p in result.parts}
    assert by_id["a"].correct and by_id["a"].feedback == "A is evidence."
    assert not by_id["x"].correct and by_id["x"].feedback == "X is an opinion."
    assert not by_id["b"].correct and by_id["b"].expected == "B"
    assert by_id["y"].correct and by_id["y"].expected is None


def test_the_order_of_the_picks_does_not_matter():
    assert qt.grade(SPEC, {"choices": ["c", "a"]}) == qt.grade(SPEC, {"choices": ["a", "c"]})


@pytest.mark.parametrize(
    "response", [{"choices": ["a", "a"]}, {"choices": ["q"]}, {"choices": "a"}, {"choice": "a"}]
)
def test_duplicate_unknown_or_misshapen_picks_are_response_errors(response):
    with pytest.raises(ResponseError):
        qt.parse_response(response, SPEC)


def test_a_spec_needs_at_least_one_correct_choice():
    with pytest.raises(ValidationError) as caught:
        qt.parse_spec({"choices": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}]})
    assert caught.value.errors()[0]["loc"] == ("choices",)
