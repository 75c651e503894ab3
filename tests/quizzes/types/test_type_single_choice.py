from fractions import Fraction

import pytest
from pydantic import ValidationError

from quizzes.types import ResponseError, registry

qt = registry.get("single_choice")

SPEC = qt.parse_spec(
    {
        "choices": [
            {"id": "hrw", "text": "Human Rights Watch", "correct": True, "feedback": "Yes."},
            {"id": "gov", "text": "A government", "feedback": "Which one, and why?"},
            {"id": "none", "text": "Nobody"},
        ]
    }
)


def test_the_correct_choice_scores_full_marks_with_its_feedback():
    result = qt.grade(SPEC, {"choice": "hrw"})
    assert result.fraction == 1
    assert result.state == "correct"
    assert result.feedback == ("Yes.",)


def test_a_wrong_choice_scores_zero_and_shows_the_key():
    result = qt.grade(SPEC, {"choice": "gov"})
    assert result.fraction == Fraction(0)
    assert result.state == "incorrect"
    assert result.feedback == ("Which one, and why?",)
    assert result.parts[0].expected == "Human Rights Watch"


def test_no_choice_scores_zero_and_is_incomplete():
    assert qt.grade(SPEC, {"choice": None}).fraction == 0
    assert not qt.is_complete(SPEC, {"choice": None})
    assert qt.is_complete(SPEC, {"choice": "none"})


def test_an_unknown_choice_is_a_response_error():
    with pytest.raises(ResponseError, match="Unknown choice"):
        qt.parse_response({"choice": "z"}, SPEC)


def test_a_spec_needs_exactly_one_correct_choice():
    with pytest.raises(ValidationError) as caught:
        qt.parse_spec({"choices": [{"id": "a", "text": "A", "correct": True}] * 2})
    locs = [e["loc"] for e in caught.value.errors()]
    assert ("choices", 1, "id") in locs  # the duplicate, at its own path
    assert ("choices",) in locs  # two correct choices


def test_a_spec_with_an_unknown_field_is_refused_at_that_field():
    with pytest.raises(ValidationError) as caught:
        qt.parse_spec({"choices": SPEC.model_dump()["choices"], "shuffle": True})
    assert caught.value.errors()[0]["loc"] == ("shuffle",)


def test_public_spec_has_only_ids_and_texts():
    assert qt.public_spec(SPEC) == {
        "choices": [
            {"id": "hrw", "text": "Human Rights Watch"},
            {"id": "gov", "text": "A government"},
            {"id": "none", "text": "Nobody"},
        ]
    }
