from decimal import Decimal

import pytest
from pydantic import ValidationError

from quizzes.types import ResponseError, registry
from quizzes.types.numeric import parse_number

qt = registry.get("numeric")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("6300", Decimal(6300)),
        ("6,300", Decimal(6300)),
        ("1,234,567.5", Decimal("1234567.5")),
        ("1.5", Decimal("1.5")),
        (" .5 ", Decimal("0.5")),
        ("-12", Decimal(-12)),
        ("\u221212", Decimal(-12)),
        ("+3.", Decimal(3)),
    ],
)
def test_numbers_are_read_exactly_as_typed(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text", ["six", "1,5", "63,00", "1e3", "1.2.3", "--1", "NaN", "Infinity", "12 %"]
)
def test_anything_else_is_not_a_number(text):
    with pytest.raises(ValueError):
        parse_number(text)


def test_a_response_that_is_not_a_number_is_a_response_error():
    spec = qt.parse_spec({"answer": 6300})
    with pytest.raises(ResponseError, match="not a number"):
        qt.parse_response({"value": "about 6000"}, spec)
    with pytest.raises(ResponseError):
        qt.parse_response({"value": 6300}, spec)  # typed text is a string


def test_without_tolerance_only_the_exact_value_is_right():
    spec = qt.parse_spec({"answer": "6,300", "unit": "people"})
    assert qt.grade(spec, {"value": "6,300"}).fraction == 1
    assert qt.grade(spec, {"value": "6300.0"}).fraction == 1
    assert qt.grade(spec, {"value": "6301"}).fraction == 0
    assert qt.grade(spec, {"value": ""}).fraction == 0
    assert qt.grade(spec, {"value": "1"}).parts[0].expected == "6300 people"


@pytest.mark.parametrize(("value", "fraction"), [("150", 1), ("170", 1), ("171", 0), ("149.99", 0)])
def test_an_absolute_tolerance_is_inclusive(value, fraction):
    spec = qt.parse_spec({"answer": 160, "tolerance": 10})
    assert qt.grade(spec, {"value": value}).fraction == fraction


@pytest.mark.parametrize(("value", "fraction"), [("600", 1), ("700", 1), ("699", 1), ("701", 0)])
def test_a_percent_tolerance_is_relative_to_the_answer(value, fraction):
    spec = qt.parse_spec({"answer": 650, "tolerance_percent": "7.7"})  # 650 +- 50.05
    assert qt.grade(spec, {"value": value}).fraction == fraction


def test_with_both_tolerances_the_wider_one_applies():
    spec = qt.parse_spec({"answer": 100, "tolerance": 1, "tolerance_percent": 5})
    assert qt.grade(spec, {"value": "105"}).fraction == 1
    assert qt.grade(spec, {"value": "105.01"}).fraction == 0


def test_a_yaml_float_means_its_decimal_reading():
    spec = qt.parse_spec({"answer": 0.1, "tolerance": 0})
    assert qt.grade(spec, {"value": "0.1"}).fraction == 1


@pytest.mark.parametrize(
    ("raw", "loc"),
    [
        ({"answer": "lots"}, ("answer",)),
        ({"answer": True}, ("answer",)),
        ({"answer": "nan"}, ("answer",)),
        ({"answer": 1, "tolerance": -1}, ("tolerance",)),
    ],
)
def test_a_bad_number_in_the_spec_is_refused_at_its_field(raw, loc):
    with pytest.raises(ValidationError) as caught:
        qt.parse_spec(raw)
    assert caught.value.errors()[0]["loc"] == loc


def test_public_spec_shows_the_unit_but_never_the_answer():
    assert qt.public_spec(qt.parse_spec({"answer": 613, "unit": "deaths"})) == {"unit": "deaths"}


def test_the_correct_response_writes_the_answer_plainly():
    spec = qt.parse_spec({"answer": "1,500.50"})
    assert qt.correct_response(spec).value == "1500.5"


@pytest.mark.parametrize(
    "written", [0.0000001, 1e22, "0.0000001", 10**22, Decimal("1E-7"), Decimal("-0")]
)
def test_a_stored_spec_writes_numbers_out_and_reads_back_as_the_same_spec(written):
    """Decimal's own text for 1e-7 is "1E-7", which is not a number as typed: a spec stored
    that way could not be read back, and every page showing the question failed."""
    spec = qt.parse_spec({"answer": written, "tolerance": written})
    stored = qt.dump_spec(spec)
    assert "E" not in stored["answer"] and "E" not in stored["tolerance"]
    assert qt.parse_spec(stored) == spec
    assert qt.grade(qt.parse_spec(stored), qt.correct_response(spec)).fraction == 1
