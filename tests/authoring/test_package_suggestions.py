"""A misspelt id in a question says what was meant: the closest column, category, row, prompt
or option ("did you mean"), and for a sentence id the document's range and the id meant when
it was written another way."""

import pytest

from quizzes.types.schema import unknown, unknown_sentence


def test_a_misspelt_matrix_column_suggests_the_column(example_copy):
    cell = "    minutes: {category: agrees, sources: [council-minutes]}\n            crowd"
    example_copy.edit(cell, cell.replace("minutes:", "minuts:"))
    messages = [message for _line, _path, message in example_copy.errors()]
    assert "unknown column 'minuts': did you mean 'minutes'?" in messages


def test_a_misspelt_classify_category_suggests_the_category(example_copy):
    example_copy.edit("              category: claim\n", "              category: claims\n")
    assert example_copy.errors() == [
        (
            example_copy.line("category: claims"),
            "steps[4].activities[0].spec.items[1].category",
            "unknown category 'claims': did you mean 'claim'?",
        )
    ]


def test_a_sentence_id_written_another_way_suggests_the_id_and_gives_the_range(example_copy):
    example_copy.edit("          key: [s4]", "          key: [S4]")
    (error,) = example_copy.errors()
    assert error[2] == "unknown sentence 'S4': did you mean 's4'? (the document has s1 to s12)"


@pytest.mark.parametrize(
    ("written", "meant"),
    [("4", "s4"), ("S4", "s4"), ("s04", "s4"), ("sentence 4", "s4"), (" s4 ", "s4")],
)
def test_a_sentence_number_in_another_form_is_recognised(written, meant):
    assert f"did you mean '{meant}'?" in unknown_sentence(written, ["s1", "s2", "s3", "s4"])


def test_a_sentence_beyond_the_document_gives_only_the_range():
    assert unknown_sentence("s99", ["s1", "s2", "s3"]) == (
        "unknown sentence 's99' (the document has s1 to s3)"
    )


def test_nothing_close_suggests_nothing():
    assert unknown("category", "opinion", ["agrees", "disagrees"]) == "unknown category 'opinion'"
