import pytest
from pydantic import ValidationError

from quizzes.types import ResponseError, registry

qt = registry.get("free_text")

SPEC = qt.parse_spec(
    {
        "min_words": 3,
        "max_words": 10,
        "rubric": [
            {"level": 2, "label": "Thorough", "descriptor": "Names author, purpose and audience."},
            {"level": 1, "label": "Partial"},
        ],
        "sample_answer": "It is advocacy written for a foreign audience.",
    }
)


def test_a_written_answer_is_never_scored_automatically():
    result = qt.grade(SPEC, {"text": "It is advocacy written for a foreign audience."})
    assert result.state == "ungraded"
    assert result.fraction == 0
    assert not qt.auto_graded


@pytest.mark.parametrize(
    ("text", "complete"),
    [("", False), ("Too short.", False), ("Just three words", True), ("word " * 11, False)],
)
def test_complete_within_the_word_limits(text, complete):
    assert qt.is_complete(SPEC, {"text": text}) is complete


def test_without_limits_one_word_is_complete():
    spec = qt.parse_spec({})
    assert qt.is_complete(spec, {"text": "Advocacy."})
    assert not qt.is_complete(spec, {"text": " ... "})


def test_answers_are_capped_at_20000_characters():
    qt.parse_response({"text": "x" * 20_000}, SPEC)
    with pytest.raises(ResponseError):
        qt.parse_response({"text": "x" * 20_001}, SPEC)


def test_the_rubric_and_sample_answer_are_not_public():
    assert qt.public_spec(SPEC) == {
        "min_words": 3,
        "max_words": 10,
        "max_length": 20_000,
        "sentence_starters": [],
        "paragraph_frame": "",
    }


def test_sentence_starters_and_a_paragraph_frame_are_shown_to_students():
    spec = qt.parse_spec(
        {"sentence_starters": ["The author wanted ..."], "paragraph_frame": "It shows ___."}
    )
    public = qt.public_spec(spec)
    assert public["sentence_starters"] == ["The author wanted ..."]
    assert public["paragraph_frame"] == "It shows ___."


@pytest.mark.parametrize(
    ("raw", "loc"),
    [
        ({"min_words": 10, "max_words": 3}, ("min_words",)),
        (
            {"rubric": [{"level": 1, "label": "A"}, {"level": 1, "label": "B"}]},
            ("rubric", 1, "level"),
        ),
        ({"min_words": 0}, ("min_words",)),
    ],
)
def test_spec_errors_name_the_field(raw, loc):
    with pytest.raises(ValidationError) as caught:
        qt.parse_spec(raw)
    assert caught.value.errors()[0]["loc"] == loc
