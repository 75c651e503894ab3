"""The load run's profile summary names views that exist, and counts the samples of each."""

import importlib
import re

import pytest

from loadtest.report import PROFILE_MARKERS, profile_summary

VIEW_NEEDLE = re.compile(r"^(?P<function>\w+) \((?P<path>[\w/]+)\.py$")
VIEW_NEEDLES = [
    needle
    for label, needles in PROFILE_MARKERS.items()
    if label.startswith("view:")
    for needle in needles
    if VIEW_NEEDLE.match(needle)
]


def test_every_view_of_the_students_flow_has_a_marker():
    assert len(VIEW_NEEDLES) == 6  # home, start, quiz page, save, submit, result


@pytest.mark.parametrize("needle", VIEW_NEEDLES)
def test_each_view_marker_names_a_function_where_it_is_defined(needle):
    match = VIEW_NEEDLE.match(needle)
    module = importlib.import_module(match["path"].replace("/", "."))
    function = getattr(module, match["function"], None)

    assert callable(function), f"{needle}: no such function; did the view move?"


def test_the_summary_counts_a_stack_under_each_marker_it_holds(tmp_path):
    profile = tmp_path / "profile.txt"
    profile.write_text(
        "process 1;handle (gunicorn/x.py:1);response_save (learning/views/quiz.py:9);"
        "execute (psycopg/cursor.py:3) 3\n"
        "process 1;handle (gunicorn/x.py:1);attempt_result (learning/views/quiz.py:9) 1\n",
        encoding="utf-8",
    )
    shares = profile_summary(profile)

    assert shares["view: save (response_save)"] == 75.0
    assert shares["database: psycopg execute"] == 75.0
    assert shares["view: result"] == 25.0
    assert shares["view: start"] == 0
