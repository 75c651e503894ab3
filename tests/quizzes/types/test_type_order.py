from fractions import Fraction

import pytest

from quizzes.types import ResponseError, registry

qt = registry.get("order")

SPEC = qt.parse_spec(
    {
        "items": [
            {"id": "ussr", "text": "The Soviet Union dissolves"},
            {"id": "khojaly", "text": "Khojaly is taken"},
            {"id": "ceasefire", "text": "The Bishkek ceasefire"},
            {"id": "speech", "text": "The speech quoted in the text"},
        ]
    }
)


@pytest.mark.parametrize(
    ("order", "fraction"),
    [
        (["ussr", "khojaly", "ceasefire", "speech"], Fraction(1)),
        (["khojaly", "ussr", "ceasefire", "speech"], Fraction(5, 6)),  # one of 6 pairs swapped
        (["speech", "ussr", "khojaly", "ceasefire"], Fraction(3, 6)),
        (["speech", "ceasefire", "khojaly", "ussr"], Fraction(0)),  # reversed: every pair wrong
        ([], Fraction(0)),  # unanswered
    ],
)
def test_score_is_the_share_of_item_pairs_in_the_right_relative_order(order, fraction):
    assert qt.grade(SPEC, {"order": order}).fraction == fraction


def test_each_item_part_shows_its_right_position():
    result = qt.grade(SPEC, {"order": ["khojaly", "ussr", "ceasefire", "speech"]})
    assert [(p.id, p.correct, p.expected) for p in result.parts] == [
        ("ussr", False, "1"),
        ("khojaly", False, "2"),
        ("ceasefire", True, "3"),
        ("speech", True, "4"),
    ]


@pytest.mark.parametrize(
    "order",
    [
        ["ussr", "khojaly"],
        ["ussr", "ussr", "ceasefire", "speech"],
        ["ussr", "khojaly", "ceasefire", "speech", "extra"],
        ["ussr", "", "ceasefire", "speech"],
    ],
)
def test_anything_but_a_permutation_or_nothing_is_a_response_error(order):
    with pytest.raises(ResponseError):
        qt.parse_response({"order": order}, SPEC)


class Form(dict):
    def getlist(self, key):
        return [self[key]] if key in self else []


def test_the_form_gives_each_item_a_position():
    form = Form({"q-ussr": "2", "q-khojaly": "1", "q-ceasefire": "4", "q-speech": "3"})
    assert qt.parse_form(SPEC, form, "q") == {"order": ["khojaly", "ussr", "speech", "ceasefire"]}


def test_a_blank_form_is_unanswered():
    assert qt.parse_form(SPEC, Form(), "q") == {"order": []}


@pytest.mark.parametrize(
    "form",
    [
        {"q-ussr": "1", "q-khojaly": "1", "q-ceasefire": "3", "q-speech": "4"},
        {"q-ussr": "1", "q-khojaly": "2", "q-ceasefire": "3"},
        {"q-ussr": "1", "q-khojaly": "2", "q-ceasefire": "3", "q-speech": "9"},
    ],
)
def test_a_form_with_shared_or_missing_positions_says_what_to_fix(form):
    raw = qt.parse_form(SPEC, Form(form), "q")  # never raises: the view just saves or reports
    with pytest.raises(ResponseError, match="different position from 1 to 4"):
        qt.parse_response(raw, SPEC)


def test_the_items_are_never_shown_in_the_order_of_the_key():
    two = qt.parse_spec({"items": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}]})
    assert [i["id"] for i in qt.public_spec(two)["items"]] == ["b", "a"]
    assert [i["id"] for i in qt.public_spec(SPEC)["items"]] != [i.id for i in SPEC.items]
    assert qt.public_spec(SPEC)["positions"] == [1, 2, 3, 4]
