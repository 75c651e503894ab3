"""What a student is told about a graded answer. Pure tables, no database."""

import pytest

from quizzes.feedback import Verdict, feedback_view, response_tokens
from quizzes.types import GradeState, registry

MATRIX_SPEC = {
    "rows": [{"id": "toll", "text": "The death toll"}],
    "columns": [{"id": "hrw", "text": "HRW"}, {"id": "press", "text": "Press"}],
    "categories": [{"id": "toll", "label": "a category that shares an id"}],
}
SELECT_SPEC = {
    "unit": "sentence",
    "sentences": [
        {"id": "s1", "options": [{"id": "s1", "text": "First.", "sentence": "s1"}]},
        {"id": "s2", "options": [{"id": "s2", "text": "Second.", "sentence": "s2"}]},
        {"id": "s3", "options": [{"id": "s3", "text": "Third.", "sentence": "s3"}]},
    ],
}


def test_labels_come_from_the_public_spec_and_skip_categories():
    labels = registry.get("matrix").part_labels(MATRIX_SPEC)
    assert labels["toll"].text == "The death toll"
    assert [label.text for label in labels.find("toll.hrw")] == ["The death toll", "HRW"]
    assert labels.find("choice") == ()
    (s2,) = registry.get("select").part_labels(SELECT_SPEC).find("b.s2")
    assert s2.sentence == "s2"


def test_a_cell_is_named_by_its_row_and_its_column():
    view = feedback_view(
        state="incorrect",
        parts=[{"id": "toll.hrw", "correct": False, "feedback": "", "expected": "Agrees"}],
        lines=[],
        qtype=registry.get("matrix"),
        public_spec=MATRIX_SPEC,
        response={"cells": {"toll": {"hrw": "toll"}}},
        formative=False,
    )
    assert [p.label for p in view.parts] == ["The death toll — HRW"]


def test_response_tokens_include_nested_paths():
    tokens = response_tokens({"cells": {"toll": {"hrw": "agrees"}}})
    assert {"toll", "hrw", "agrees", "toll.hrw"} <= tokens
    assert {"a.choice", "b.s3"} <= response_tokens(
        {"a": {"choice": "x"}, "b": {"selected": ["s3"]}}
    )


PARTS = [
    {"id": "s2", "correct": True, "feedback": "", "expected": "Second."},  # picked, in the key
    {"id": "s3", "correct": False, "feedback": "", "expected": "Third."},  # in the key, missed
    {"id": "s1", "correct": False, "feedback": "Only a title.", "expected": None},  # wrong pick
]


def test_formative_feedback_names_only_what_the_student_picked():
    view = feedback_view(
        state="partial",
        parts=PARTS,
        lines=[],
        qtype=registry.get("select"),
        public_spec=SELECT_SPEC,
        response={"selected": ["s1", "s2"]},
        question_feedback={"partial": "Look again at the end."},
        formative=True,
        try_number=2,
    )
    assert [(p.label, p.correct, p.feedback) for p in view.parts] == [
        ("Second.", True, ""),
        ("First.", False, "Only a title."),
    ]
    assert view.missing == 1
    assert (view.right, view.total) == (1, 3)
    assert view.lines == ("Look again at the end.",)
    assert all(p.expected is None for p in view.parts)


def test_review_names_every_part_and_the_key_only_when_allowed():
    common = {
        "state": "partial",
        "parts": PARTS,
        "lines": [],
        "qtype": registry.get("select"),
        "public_spec": SELECT_SPEC,
        "response": {"selected": ["s1", "s2"]},
        "formative": False,
    }
    hidden = feedback_view(**common, show_expected=False)
    shown = feedback_view(**common, show_expected=True)
    assert [p.label for p in hidden.parts] == ["Second.", "Third.", "First."]
    assert hidden.missing == 0
    assert all(p.expected is None for p in hidden.parts)
    assert [p.expected for p in shown.parts] == ["Second.", "Third.", None]


def test_a_part_with_nothing_of_its_own_to_say_is_left_to_the_summary():
    view = feedback_view(
        state="incorrect",
        parts=[{"id": "choice", "correct": False, "feedback": "", "expected": "B"}],
        lines=["The mayor is quoted, but did not write it."],
        qtype=registry.get("single_choice"),
        public_spec={"choices": [{"id": "a", "text": "A"}]},
        response={"choice": "a"},
        formative=True,
    )
    assert view.parts == ()
    assert view.lines == ("The mayor is quoted, but did not write it.",)


# --- telling a blank answer from a wrong one, and the verdict a student reads ----------------

BLANK = [
    ("single_choice", None, True),
    ("single_choice", {"choice": None}, True),
    ("single_choice", {"choice": "a"}, False),
    ("multiple_choice", {"choices": []}, True),
    ("true_false", {"answer": None}, True),
    ("true_false", {"answer": False}, False),  # false is an answer
    ("classify", {"answers": {}}, True),
    ("classify", {"answers": {"own": "fact"}}, False),
    ("order", {"order": []}, True),
    ("short_text", {"text": ""}, True),
    ("short_text", {"text": "   "}, True),
    ("numeric", {"value": "0"}, False),  # zero is an answer
    ("free_text", {"text": ""}, True),
    ("free_text", {"text": "An answer."}, False),  # prose is never tallied, still an answer
    ("two_part", {"a": {"choice": None}, "b": {"selected": []}}, True),
    ("two_part", {"a": {"choice": None}, "b": None}, True),
    ("two_part", {"a": {"choice": "x"}, "b": None}, False),
    ("matrix", {"cells": {"toll": {}}}, True),
]


@pytest.mark.parametrize(("key", "data", "blank"), BLANK)
def test_a_stored_response_is_blank_when_it_answers_nothing(key, data, blank):
    assert registry.get(key).is_blank(data) is blank


def view(state, *, blank=False):
    return feedback_view(
        state=state,
        parts=[],
        lines=[],
        qtype=registry.get("short_text"),
        public_spec={},
        response=None,
        formative=False,
        blank=blank,
    )


@pytest.mark.parametrize(
    ("state", "blank", "verdict"),
    [
        (GradeState.CORRECT, False, Verdict.RIGHT),
        (GradeState.PARTIAL, False, Verdict.PARTIAL),
        (GradeState.INCORRECT, False, Verdict.WRONG),
        (GradeState.INCORRECT, True, Verdict.BLANK),
        (GradeState.UNGRADED, False, Verdict.PENDING),
        (GradeState.UNGRADED, True, Verdict.BLANK),  # an empty written answer
        (GradeState.CORRECT, True, Verdict.RIGHT),  # a teacher gave the points anyway
    ],
)
def test_the_verdict_a_student_reads(state, blank, verdict):
    assert view(state, blank=blank).verdict == verdict


def test_a_true_or_false_answer_is_named_by_the_words_on_its_buttons():
    result = feedback_view(
        state="incorrect",
        parts=[{"id": "answer", "correct": False, "feedback": "", "expected": "false"}],
        lines=[],
        qtype=registry.get("true_false"),
        public_spec={},
        response={"answer": True},
        formative=False,
        show_expected=True,
    )
    assert [p.expected for p in result.parts] == ["False"]
    assert registry.get("true_false").value_labels({}) == {"true": "True", "false": "False"}
    assert registry.get("single_choice").expected_text({}, "false") == "false"
