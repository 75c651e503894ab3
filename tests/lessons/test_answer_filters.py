"""The filters the type templates read an answer with: `at_position` (an order, by position
counted from 1) and `value_for` (pairs or categories, by key). Anything else gives None, as the
loops they replaced selected nothing."""

import pytest

from lessons.templatetags.sourcelab import at_position, value_for


@pytest.mark.parametrize(
    ("values", "number", "expected"),
    [
        (["b", "a", "c"], 1, "b"),
        (["b", "a", "c"], 3, "c"),
        (["b", "a", "c"], 4, None),  # past the end
        (["b", "a", "c"], 0, None),  # positions start at 1: never the last one
        (["b", "a", "c"], -1, None),
        (["b", "a", "c"], "2", "a"),
        (None, 1, None),  # no answer
        ("", 1, None),  # a missing answer, as a template resolves it
        (["b"], "x", None),
    ],
)
def test_at_position_reads_an_order_by_position(values, number, expected):
    assert at_position(values, number) == expected


@pytest.mark.parametrize(
    ("mapping", "key", "expected"),
    [
        ({"p1": "o2", "p2": "o1"}, "p1", "o2"),
        ({"p1": "o2"}, "p2", None),
        (None, "p1", None),
        ("", "p1", None),
        (["p1"], "p1", None),  # not a mapping: nothing chosen
    ],
)
def test_value_for_reads_a_choice_by_key(mapping, key, expected):
    assert value_for(mapping, key) == expected
