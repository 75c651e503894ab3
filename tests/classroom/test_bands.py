"""Score bands on the teacher's grid (issue 19, point 4): 0% is not the colour of success."""

import pytest

from classroom.bands import score_band


@pytest.mark.parametrize(
    ("percent", "band"),
    [(100, "high"), (80, "high"), (79, "mid"), (50, "mid"), (49, "low"), (0, "low")],
)
def test_a_grade_falls_in_its_band(percent, band):
    assert score_band(percent).key == band


def test_no_grade_has_no_band():
    assert score_band(None) is None


def test_each_band_has_a_symbol_as_well_as_a_colour():
    symbols = {score_band(p).symbol for p in (0, 60, 90)}
    assert len(symbols) == 3 and "" not in symbols
