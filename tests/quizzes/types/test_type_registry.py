"""The registry, GradeResult and the errors: the contract every question type shares."""

from fractions import Fraction

import pytest

from quizzes.types import (
    AlreadyRegistered,
    GradeResult,
    GradeState,
    PartResult,
    QuestionType,
    ResponseError,
    UnknownType,
    registry,
)
from quizzes.types.single_choice import SingleChoice

KEYS = (
    "single_choice",
    "multiple_choice",
    "true_false",
    "classify",
    "select",
    "match",
    "order",
    "short_text",
    "numeric",
    "matrix",
    "free_text",
    "two_part",
)


def test_every_type_key_is_registered_in_a_stable_order():
    assert registry.keys() == KEYS


def test_an_unknown_key_raises_unknown_type_which_is_a_key_error():
    with pytest.raises(UnknownType):
        registry.get("essay")
    with pytest.raises(KeyError):
        registry.get("essay")


def test_registering_a_taken_key_is_refused():
    with pytest.raises(AlreadyRegistered):
        registry.register(SingleChoice())
    assert isinstance(registry.get("single_choice"), SingleChoice)


def test_override_registers_a_type_for_a_test_and_restores_the_registry():
    class Essay(SingleChoice):
        key = "essay"

    with registry.override(Essay()):
        assert "essay" in registry
    assert "essay" not in registry
    assert registry.keys() == KEYS


@pytest.mark.parametrize("key", KEYS)
def test_each_type_names_its_template_label_and_models(key):
    qt = registry.get(key)
    assert isinstance(qt, QuestionType)
    assert qt.key == key
    assert qt.template == f"quizzes/types/{key}.html"
    assert str(qt.label)
    assert qt.spec_model.model_config["extra"] == "forbid"
    assert qt.response_model.model_config["extra"] == "forbid"


def test_only_free_text_is_not_auto_graded():
    assert [qt.key for qt in registry if not qt.auto_graded] == ["free_text"]


def test_choices_pair_each_key_with_its_label():
    assert [key for key, _label in registry.choices()] == list(KEYS)


def test_grade_result_of_derives_the_state_from_the_fraction():
    assert GradeResult.of(Fraction(1)).state == GradeState.CORRECT
    assert GradeResult.of(Fraction(1, 3)).state == GradeState.PARTIAL
    assert GradeResult.of(Fraction(0)).state == GradeState.INCORRECT
    assert GradeResult.ungraded().state == "ungraded"


@pytest.mark.parametrize(
    ("fraction", "state"),
    [
        (Fraction(1), GradeState.CORRECT),
        (Fraction(999, 1000), GradeState.PARTIAL),
        (Fraction(1, 1000), GradeState.PARTIAL),
        (Fraction(0), GradeState.INCORRECT),
    ],
)
def test_the_grade_state_of_a_fraction(fraction, state):
    assert GradeState.of(fraction) == state


def test_grade_states_are_text_choices_stored_by_value():
    assert GradeState.values == ["correct", "partial", "incorrect", "ungraded"]
    assert [str(label) for label in GradeState.labels] == [
        "Correct",
        "Partly correct",
        "Incorrect",
        "Ungraded",
    ]
    assert GradeState.PARTIAL == "partial" and str(GradeState.PARTIAL) == "partial"
    assert {"correct": "Well done."}.get(GradeState.CORRECT) == "Well done."


def test_grade_result_of_clamps_to_zero_and_one():
    assert GradeResult.of(Fraction(-1, 2)).fraction == 0
    assert GradeResult.of(Fraction(3, 2)).fraction == 1


def test_grade_result_refuses_a_state_that_contradicts_its_fraction():
    with pytest.raises(ValueError):
        GradeResult(fraction=Fraction(1, 2), state=GradeState.CORRECT)
    with pytest.raises(ValueError):
        GradeResult(fraction=Fraction(1), state=GradeState.UNGRADED)
    with pytest.raises(TypeError):
        GradeResult(fraction=0.5, state=GradeState.PARTIAL)  # type: ignore[arg-type]


def test_grade_result_drops_empty_feedback_lines():
    assert GradeResult.of(Fraction(0), feedback=["", "Look again."]).feedback == ("Look again.",)


def test_grade_result_scores_points_exactly():
    assert GradeResult.of(Fraction(1, 3)).score(2) == Fraction(2, 3)


def test_grade_result_as_dict_is_json_safe_and_exact():
    result = GradeResult.of(Fraction(2, 3), parts=[PartResult("i1", True, "Yes.", "Fact")])
    assert result.as_dict() == {
        "fraction": "2/3",
        "state": "partial",
        "parts": [{"id": "i1", "correct": True, "feedback": "Yes.", "expected": "Fact"}],
        "feedback": [],
    }


def test_response_error_is_a_value_error_carrying_a_plain_message():
    error = ResponseError("Unknown choice 'z'.")
    assert isinstance(error, ValueError)
    assert error.message == "Unknown choice 'z'."


def test_a_malformed_response_gives_a_message_without_pydantic_noise():
    qt = registry.get("single_choice")
    with pytest.raises(ResponseError) as caught:
        qt.parse_response({"choice": 3})
    assert caught.value.message == "choice: Input should be a valid string"
