from fractions import Fraction

import pytest
from pydantic import ValidationError

from quizzes.types import Context, ResponseError, registry

qt = registry.get("two_part")

CTX = Context(
    sentences={
        "s1": "The town was shelled daily.",
        "s2": "Armenian forces fired upon the fleeing refugees.",
        "s3": "The world must recognise this genocide.",
        "s4": "Human Rights Watch counted 161 deaths.",
    }
)
PART_A = {
    "prompt": "What is the main purpose of the text?",
    "spec": {
        "choices": [
            {"id": "inform", "text": "To inform neutrally"},
            {"id": "advocate", "text": "To win recognition", "correct": True, "feedback": "Yes."},
        ]
    },
}


def select_b(**extra):
    spec = {"unit": "sentence", "key": ["s2", "s3"]} | extra
    raw = {
        "part_a": PART_A,
        "part_b": {"prompt": "Which sentences show it?", "type": "select", "spec": spec},
    }
    return qt.prepare(qt.parse_spec(raw), CTX)


SPEC = select_b()


@pytest.mark.parametrize(
    ("a", "b", "fraction"),
    [
        ("advocate", ["s2", "s3"], Fraction(1)),
        ("advocate", ["s3"], Fraction(3, 4)),  # 1/2 + 1/2 x 1/2
        ("advocate", ["s1", "s4"], Fraction(1, 2)),  # right claim, no evidence
        ("advocate", [], Fraction(1, 2)),
        ("inform", ["s2", "s3"], Fraction(0)),  # evidence for a wrong claim earns nothing
        (None, ["s2", "s3"], Fraction(0)),
    ],
)
def test_part_b_counts_only_when_part_a_is_right(a, b, fraction):
    assert qt.grade(SPEC, {"a": {"choice": a}, "b": {"selected": b}}).fraction == fraction


def test_parts_are_prefixed_with_a_and_b_and_feedback_joined():
    result = qt.grade(SPEC, {"a": {"choice": "advocate"}, "b": {"selected": ["s2"]}})
    assert [p.id for p in result.parts] == ["a.choice", "b.s2", "b.s3"]
    assert result.feedback == ("Yes.",)


def test_part_b_may_be_a_multiple_choice():
    raw = {
        "part_a": PART_A,
        "part_b": {
            "prompt": "Which phrases show it?",
            "type": "multiple_choice",
            "spec": {
                "choices": [
                    {"id": "m", "text": "must recognise", "correct": True},
                    {"id": "n", "text": "161"},
                ]
            },
        },
    }
    spec = qt.parse_spec(raw)
    assert qt.grade(spec, {"a": {"choice": "advocate"}, "b": {"choices": ["m"]}}).fraction == 1
    with pytest.raises(ResponseError, match="expected a multiple_choice response"):
        qt.parse_response({"a": {"choice": "advocate"}, "b": {"selected": ["s2"]}}, spec)


def test_complete_only_when_both_parts_are_answered():
    assert not qt.is_complete(SPEC, {"a": {"choice": "advocate"}})
    assert not qt.is_complete(SPEC, {"b": {"selected": ["s2"]}})
    assert qt.is_complete(SPEC, {"a": {"choice": "advocate"}, "b": {"selected": ["s2"]}})


def test_an_empty_part_b_means_unanswered():
    assert qt.parse_response({"a": {}, "b": {}}, SPEC).b is None


def test_check_and_spec_errors_are_reported_at_paths_inside_the_parts():
    raw = {
        "part_a": PART_A,
        "part_b": {"prompt": "?", "type": "select", "spec": {"unit": "sentence", "key": ["s9"]}},
    }
    assert qt.check(qt.parse_spec(raw), CTX) == [
        (("part_b", "spec", "key", 0), "unknown sentence 's9' (the document has s1 to s4)")
    ]
    bad_a = {
        "prompt": "?",
        "spec": {"choices": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}]},
    }
    with pytest.raises(ValidationError) as caught:
        qt.parse_spec({"part_a": bad_a, "part_b": raw["part_b"]})
    assert caught.value.errors()[0]["loc"] == ("part_a", "spec", "choices")


def test_public_spec_nests_each_parts_public_spec():
    public = qt.public_spec(SPEC)
    assert public["part_a"]["prompt"] == "What is the main purpose of the text?"
    assert public["part_a"]["spec"]["choices"][1] == {
        "id": "advocate",
        "text": "To win recognition",
    }
    assert public["part_b"]["type"] == "select"
    assert "correct" not in str(public) and "Yes." not in str(public)
