"""The load run's report: the profile summary names views that exist and counts the samples
of each; the latency target (issue 15, point 4) is judged and each request type over it named."""

import importlib
import re

import pytest

from loadtest.report import (
    PROFILE_MARKERS,
    latency_line,
    latency_over_target,
    profile_summary,
)

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


def _summary(p95: dict[str, int], bell: dict[str, int] | None = None) -> dict:
    def rows(values):
        return {name: {"count": 10, "p95": ms} for name, ms in values.items()}

    return {"latency": rows(p95), "bell": rows(bell) if bell else None}


def test_a_run_under_300_ms_at_p95_meets_the_latency_target():
    summary = _summary({"login": 229, "save": 80}, bell={"bell login": 139})
    assert latency_over_target(summary) == {}
    assert latency_line(summary).endswith(": met")


def test_the_latency_line_names_each_request_type_over_the_target_the_bells_included():
    summary = _summary({"login": 300, "save": 299}, bell={"bell login": 412})
    assert latency_over_target(summary) == {"login": 300, "bell login": 412}
    assert latency_line(summary).endswith("MISSED by login (300 ms), bell login (412 ms)")


def test_a_request_type_with_no_request_and_the_totals_are_not_judged_again():
    summary = _summary({"login": 100, "all requests": 350})
    summary["latency"]["submit (double-click)"] = {"count": 0, "p95": 0}
    summary["bell"] = {"login ms by round": [[100, 120]]}
    assert latency_over_target(summary) == {}
