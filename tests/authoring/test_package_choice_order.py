"""`fixed_order` in a package, and the report of a quiz whose right answers cluster in one
position among the questions shown in the order written. Copies of the example package,
broken as text, so the lines are the ones an author sees; no database."""

from __future__ import annotations

import pytest

# The example quiz's choice questions, all written with the right answer first (position 0).
CHOICE_QUESTIONS = ("q-purpose", "q-checkable", "q-evidence")


def fix_order(example_copy, *ids: str) -> None:
    for question_id in ids:
        example_copy.edit(
            f"    - id: {question_id}\n", f"    - id: {question_id}\n      fixed_order: true\n"
        )


def test_fixed_order_is_read_into_the_package(example_copy):
    fix_order(example_copy, "q-purpose")
    package = example_copy.validate().package
    assert package is not None
    fixed = {q.id for q in package.questions() if q.fixed_order}
    assert fixed == {"q-purpose"}


def test_fixed_order_must_be_true_or_false(example_copy):
    # yes and no are true and false here, as docs/lesson-format.md says; other words are not.
    example_copy.edit("    - id: q-purpose\n", "    - id: q-purpose\n      fixed_order: maybe\n")
    assert example_copy.errors() == [
        (
            example_copy.line("fixed_order: maybe"),
            "quiz.items[0].fixed_order",
            "Input should be a valid boolean (got 'maybe')",
        )
    ]


def test_fixed_order_on_a_question_with_nothing_to_shuffle_is_refused(example_copy):
    # An order question shown as written would show its key.
    example_copy.edit(
        "      - id: ctx-timeline\n", "      - id: ctx-timeline\n        fixed_order: true\n"
    )
    assert example_copy.errors() == [
        (
            example_copy.line("fixed_order: true"),
            "steps[0].activities[1].fixed_order",
            "a order question has no choices to keep in order "
            "(fixed_order applies to match, multiple_choice, single_choice, two_part)",
        )
    ]


def test_right_answers_clustered_in_one_position_are_reported_at_the_quiz_items(example_copy):
    fix_order(example_copy, *CHOICE_QUESTIONS)
    [(line, path, message)] = example_copy.errors()
    assert (line, path) == (example_copy.lines_with("  items:")[-1], "quiz.items")
    assert message.startswith(
        "the right answer is choice 1 in 3 of the quiz's 3 choice questions, all shown in the "
        "order written (fixed_order: q-purpose, q-checkable, q-evidence): a student who always "
        "picks choice 1 scores them."
    )


@pytest.mark.parametrize(
    "fixed",
    [
        (),  # every question is shown in an order that is not the author's
        ("q-purpose", "q-checkable"),  # two in one position is no pattern yet
    ],
)
def test_no_cluster_is_reported_while_few_questions_show_the_order_written(example_copy, fixed):
    fix_order(example_copy, *fixed)
    assert example_copy.errors() == []


def test_a_cluster_is_gone_once_one_right_answer_moves(example_copy):
    fix_order(example_copy, *CHOICE_QUESTIONS)
    example_copy.edit(
        "          - {id: celebrate, text: To celebrate the bridge and answer its critics, "
        "correct: true}\n"
        "          - {id: neutral, text: To give a neutral record of the opening}\n",
        "          - {id: neutral, text: To give a neutral record of the opening}\n"
        "          - {id: celebrate, text: To celebrate the bridge and answer its critics, "
        "correct: true}\n",
    )
    assert example_copy.errors() == []


def test_activities_are_not_counted_in_the_quiz(example_copy):
    """Formative activities give feedback and retries; only the graded quiz is checked."""
    example_copy.edit(
        "      - id: src-author\n", "      - id: src-author\n        fixed_order: true\n"
    )
    fix_order(example_copy, "q-purpose", "q-checkable")
    assert example_copy.errors() == []
