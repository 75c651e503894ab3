import pytest

from quizzes.types import ResponseError, registry

qt = registry.get("true_false")

SPEC = qt.parse_spec(
    {"answer": False, "feedback_true": "The text says so, but check it.", "feedback_false": "Yes."}
)


def test_the_right_answer_scores_full_marks_with_its_feedback():
    result = qt.grade(SPEC, {"answer": False})
    assert result.fraction == 1
    assert result.feedback == ("Yes.",)


def test_the_wrong_answer_scores_zero_with_the_feedback_for_that_answer():
    result = qt.grade(SPEC, {"answer": True})
    assert result.fraction == 0
    assert result.feedback == ("The text says so, but check it.",)
    assert result.parts[0].expected == "false"


def test_no_answer_scores_zero_without_feedback():
    result = qt.grade(SPEC, {"answer": None})
    assert result.fraction == 0
    assert result.feedback == ()
    assert not qt.is_complete(SPEC, {"answer": None})


@pytest.mark.parametrize("answer", ["true", 1, 0, "yes"])
def test_only_json_booleans_are_answers(answer):
    with pytest.raises(ResponseError):
        qt.parse_response({"answer": answer}, SPEC)


def test_the_form_posts_true_or_false_as_strings():
    class Form(dict):
        def getlist(self, key):
            return [self[key]] if key in self else []

    assert qt.parse_form(SPEC, Form({"q1-answer": "true"}), "q1") == {"answer": True}
    assert qt.parse_form(SPEC, Form({"q1-answer": "false"}), "q1") == {"answer": False}
    assert qt.parse_form(SPEC, Form(), "q1") == {"answer": None}
    with pytest.raises(ResponseError):
        qt.parse_response(qt.parse_form(SPEC, Form({"q1-answer": "maybe"}), "q1"))
