"""What docs/lesson-format.md promises authors about plain YAML: an optional list left empty
means none; yes and no mean true and false in a field that takes true or false, and stay words
everywhere else."""

import pytest

QUIZ_BODY = "    body: Eight questions on the report and the other sources. Your score counts.\n"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    unknown: []\n", "    unknown:\n"),
        ("    unknown: []\n", "    unknown: null\n"),
        (QUIZ_BODY, QUIZ_BODY + "    activities:\n"),
    ],
    ids=["empty", "null", "quiz-step-activities"],
)  # fmt: skip
def test_an_optional_list_left_empty_means_none(example_copy, old, new):
    example_copy.edit(old, new)
    assert example_copy.errors() == []


def test_a_required_list_left_empty_is_still_refused(example_copy):
    example_copy.edit(
        "objectives:\n  - Identify who made a source", "objectives:\nold_objectives:\n  - Identify"
    )
    messages = [message for _line, path, message in example_copy.errors() if path == "objectives"]
    assert messages == ["Input should be a valid list (got nothing)"]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    shuffle_items: false", "    shuffle_items: no"),
        ("    shuffle_choices: true", "    shuffle_choices: yes"),
        ("          answer: true\n", "          answer: yes\n"),
    ],
)
def test_yes_and_no_mean_true_and_false_where_a_field_takes_true_or_false(example_copy, old, new):
    example_copy.edit(old, new)
    report = example_copy.validate()
    assert report.errors == ()
    settings = report.package.quiz.settings
    assert (settings.shuffle_items, settings.shuffle_choices) == (False, True)


def test_yes_and_no_stay_words_where_text_is_expected(example_copy):
    example_copy.edit("    title: Who made this source?", "    title: No")
    report = example_copy.validate()
    assert report.errors == ()
    assert [s.title for s in report.package.steps if s.kind == "sourcing"] == ["No"]


def test_another_word_in_a_true_or_false_field_is_refused(example_copy):
    example_copy.edit("    shuffle_items: false", "    shuffle_items: maybe")
    assert [message for _line, _path, message in example_copy.errors()] == [
        "Input should be a valid boolean (got 'maybe')"
    ]
