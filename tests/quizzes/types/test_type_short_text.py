import pytest
from pydantic import ValidationError

from quizzes.types import ResponseError, registry
from quizzes.types.short_text import normalise

qt = registry.get("short_text")

SPEC = qt.parse_spec({"accepted": ["Human Rights Watch", "HRW", "Helsinki Watch"]})


@pytest.mark.parametrize(
    "text",
    [
        "Human Rights Watch",
        "human rights watch",
        "  Human   Rights\tWatch ",
        "Human Rights Watch.",
        "\u201cHuman Rights Watch\u201d",
        '"hrw"',
        "\uff28\uff32\uff37",  # full-width letters, NFKC
        "HUMAN RIGHTS WATCH!",
    ],
)
def test_accepted_answers_match_after_normalising(text):
    assert qt.grade(SPEC, {"text": text}).fraction == 1


@pytest.mark.parametrize("text", ["Human Rights", "Amnesty", "", "   ", "H R W"])
def test_other_answers_score_zero(text):
    assert qt.grade(SPEC, {"text": text}).fraction == 0


def test_case_sensitive_specs_compare_case():
    spec = qt.parse_spec({"accepted": ["CIS"], "case_sensitive": True})
    assert qt.grade(spec, {"text": "CIS"}).fraction == 1
    assert qt.grade(spec, {"text": "cis"}).fraction == 0


def test_normalise_keeps_inner_punctuation_and_makes_quotes_straight():
    curly = "  \u2018Region\u2019s\u2019 366th  CIS, regiment\u2026 "
    assert normalise(curly) == "region's' 366th cis, regiment"


def test_an_answer_longer_than_500_characters_is_a_response_error():
    qt.parse_response({"text": "x" * 500}, SPEC)
    with pytest.raises(ResponseError):
        qt.parse_response({"text": "x" * 501}, SPEC)


def test_an_accepted_answer_of_only_punctuation_is_refused():
    with pytest.raises(ValidationError) as caught:
        qt.parse_spec({"accepted": ["HRW", "..."]})
    assert caught.value.errors()[0]["loc"] == ("accepted", 1)


def test_the_expected_answer_is_the_first_accepted_one():
    assert qt.grade(SPEC, {"text": "x"}).parts[0].expected == "Human Rights Watch"
