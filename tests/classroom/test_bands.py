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


@pytest.mark.django_db
def test_a_zero_grade_on_the_grid_is_in_the_low_band_not_green(
    client, teacher, assignment, student, make_student
):
    from django.urls import reverse

    from classroom.selectors.grid import progress_grid
    from tests.classroom.conftest import answer_quiz

    answer_quiz(student=student, assignment=assignment, right=set())  # every answer blank
    answer_quiz(student=make_student("ada"), assignment=assignment)  # every answer right
    grid = progress_grid(classroom=assignment.classroom)
    cells = {row.student.username: row.cells[0] for row in grid.rows}
    assert (cells["s.lovelace"].text, cells["s.lovelace"].band.key) == ("0%", "low")
    percent = int(cells["ada"].text.removesuffix("%"))
    assert percent > 50 and cells["ada"].band == score_band(percent) != score_band(0)

    client.force_login(teacher)
    html = client.get(
        reverse("classroom:classroom_progress", args=[assignment.classroom_id])
    ).content.decode()
    assert "cell-band-low" in html and "cell-band-high" in html
    assert "data-band-legend" in html
