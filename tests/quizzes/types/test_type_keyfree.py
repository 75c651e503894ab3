"""What a type's feedback keeps while the key is withheld (`QuestionType.feedback_without_key`):
pure tables. The property over every type and the real result page is in
tests/learning/test_result_key_withheld.py."""

from __future__ import annotations

import pytest

from quizzes.types import Feedback, QuestionType, registry


def test_a_type_that_does_not_say_what_its_feedback_keeps_cannot_be_made():
    class Forgetful(QuestionType):
        key = "forgetful"
        label = "Forgetful"
        public_spec = empty_response = correct_response = _is_complete = _grade = parse_form = (
            lambda *args, **kwargs: None
        )

    with pytest.raises(TypeError, match="feedback_without_key"):
        Forgetful()  # so it can never reach the registry


def test_own_keeps_the_chosen_parts_without_expected_answers_and_explains_only_right_ones():
    feedback = Feedback(
        state="partial",
        parts=(
            {"id": "a", "correct": True, "feedback": "why a", "expected": "A"},
            {"id": "b", "correct": False, "feedback": "why not b", "expected": None},
            {"id": "c", "correct": False, "feedback": "", "expected": "C"},
        ),
        lines=("a note that may state the key",),
    )
    assert feedback.own({"a", "b"}) == Feedback(
        state="partial",
        parts=(
            {"id": "a", "correct": True, "feedback": "why a", "expected": None},
            {"id": "b", "correct": False, "feedback": "", "expected": None},
        ),
        lines=(),
    )


def test_own_keeps_the_lines_of_an_answer_that_is_right_throughout():
    feedback = Feedback(state="correct", lines=("well done: it is A",))
    assert feedback.own(set()).lines == ("well done: it is A",)


MULTIPLE = {
    "choices": [
        {"id": "a", "text": "Refugees", "correct": True, "feedback": "yes"},
        {"id": "b", "text": "Soldiers", "correct": False, "feedback": "no: it was a"},
        {"id": "c", "text": "Reporters", "correct": True},
    ]
}


def _withheld(key: str, spec_data: dict, response: dict | None) -> Feedback:
    qt = registry.get(key)
    spec = qt.parse_spec(spec_data)
    graded = qt.grade(spec, qt.parse_response(response or {}, spec)).as_dict()
    return qt.feedback_without_key(
        Feedback(state=graded["state"], parts=tuple(graded["parts"]), lines=graded["feedback"]),
        response=response,
        public_spec=qt.public_spec(spec),
    )


def test_multiple_choice_names_only_the_ticked_choices_and_hides_a_wrong_ones_explanation():
    kept = _withheld("multiple_choice", MULTIPLE, {"choices": ["a", "b"]})
    assert [(p["id"], p["correct"], p["feedback"]) for p in kept.parts] == [
        ("a", True, "yes"),
        ("b", False, ""),
    ]


@pytest.mark.parametrize("response", [None, {}, {"choices": "a"}, {"choices": None}])
def test_a_stored_response_of_another_shape_keeps_nothing(response):
    qt = registry.get("multiple_choice")
    spec = qt.parse_spec(MULTIPLE)
    full = qt.grade(spec, {"choices": []}).as_dict()
    kept = qt.feedback_without_key(
        Feedback(state="incorrect", parts=tuple(full["parts"])),
        response=response,
        public_spec=qt.public_spec(spec),
    )
    assert kept.parts == ()


def test_two_part_asks_each_part_s_own_type_and_keeps_the_prefixes():
    spec = {
        "part_a": {
            "prompt": "Which claim?",
            "spec": {
                "choices": [
                    {"id": "x", "text": "Claim X", "correct": True, "feedback": "X because"},
                    {"id": "y", "text": "Claim Y", "correct": False},
                ]
            },
        },
        "part_b": {"prompt": "Evidence?", "type": "multiple_choice", "spec": MULTIPLE},
    }
    kept = _withheld("two_part", spec, {"a": {"choice": "y"}, "b": {"choices": ["b"]}})
    assert [(p["id"], p["correct"], p["expected"]) for p in kept.parts] == [
        ("a.choice", False, None),
        ("b.b", False, None),
    ]
    assert kept.lines == ()
