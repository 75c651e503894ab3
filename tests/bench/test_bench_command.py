"""`manage.py bench --json`: the figures a newcomer and a script read, in their shape. Speed is
never asserted here (the machine is shared); only that every figure is measured, compared
with the floor of the same run, and judged against its target."""

import itertools
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection

from bench import commits, student
from bench.report import TARGETS, judge, table

ROOT = Path(__file__).resolve().parents[2]
FIGURES = {"floor", "write_floor", "quiz_10", "quiz_50", "step", "autosave", "submit_and_grade_10"}


def bench_env() -> dict:
    """The bench makes its own throwaway database: on PostgreSQL give it a name of its own, so
    that it never drops the database of the test run it was started from."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    url = env.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        env["DATABASE_URL"] = f"{url.rsplit('/', 1)[0]}/bench_{uuid.uuid4().hex[:8]}"
    return env


def run_bench(*args: str) -> subprocess.CompletedProcess:
    """`manage.py bench` with `args`, in a process of its own, on a database of its own."""
    return subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "manage.py", "bench", *args],
        cwd=ROOT,
        env=bench_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_bench_json_gives_each_figure_its_ratio_and_target_and_check_exits_on_a_miss():
    done = run_bench(
        "--json",
        "--check",
        "--rounds",
        "2",
        "--warmup",
        "0",
        "--clock",  # the process's CPU time; wall time, the default, is the same code
        "cpu",
    )
    results = json.loads(done.stdout)
    assert "AXES" not in done.stderr  # the bench's own sign-ins are not logged over its output
    # --check: the exit status says whether every target was met (with 2 rounds, either).
    assert done.returncode == (0 if results["passed"] else 1), done.stderr[-3000:]
    assert results["rounds"] == 2
    assert results["clock"] == "cpu"
    assert results["database"] in {"sqlite3", "postgresql"}
    assert set(results["figures"]) == FIGURES
    for name, figure in results["figures"].items():
        assert figure["status"] == (302 if name == "submit_and_grade_10" else 200), name
        assert figure["median_ms"] > 0 and figure["queries"] >= 2
        assert figure["target"] == TARGETS.get(name)
        assert figure["passed"] is (
            None if name not in TARGETS else figure["ratio"] <= figure["target"]
        )
    assert results["figures"]["floor"]["ratio"] == 1.0
    # The write floor is the floor and one statement: the least a save can cost.
    figures = results["figures"]
    assert figures["write_floor"]["queries"] == figures["floor"]["queries"] + 1
    assert "write_floor" not in TARGETS  # a reference, judged by nothing
    own = figures["autosave"]["median_ms"] - figures["write_floor"]["median_ms"]
    assert results["autosave_over_write_floor"] == round(own / figures["floor"]["median_ms"], 2)
    assert results["passed"] == all(f["passed"] is not False for f in results["figures"].values())


def sample(**ratios) -> dict:
    figures = {"floor": {"median_ms": 2.0, "queries": 2, "bytes": 40}}
    for name, ratio in ratios.items():
        figures[name] = {"median_ms": 2.0 * ratio, "queries": 7, "bytes": 30_000}
    return {"database": "sqlite3", "rounds": 60, "warmup": 5, "figures": figures}


def test_a_figure_over_its_target_fails_the_run_and_the_table_says_which():
    results = judge(sample(quiz_10=2.5, autosave=1.75))
    assert results["figures"]["quiz_10"]["passed"] is True
    assert results["figures"]["autosave"]["passed"] is False
    assert results["passed"] is False
    printed = table(results)
    assert "autosave one answer" in printed and "FAIL" in printed and "1.75" in printed
    assert "Some targets missed." in printed
    assert judge(sample(quiz_10=3.0))["passed"] is True  # the target itself passes


def test_the_table_says_how_much_the_autosave_adds_to_the_least_a_save_costs():
    results = judge(sample(write_floor=1.4, autosave=1.75))
    assert results["autosave_over_write_floor"] == 0.35
    assert "0.35x the floor more than the write floor" in table(results)
    # It is a reading aid, judged by nothing: the autosave's own target decides.
    assert results["passed"] is False
    assert "autosave_over_write_floor" not in judge(sample(autosave=1.2))


def test_bench_grid_measures_every_teacher_page_against_the_floor_in_small():
    done = run_bench("--grid", "--students", "12", "--assignments", "2", "--repeat", "2")
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(done.stdout)
    assert results["students"] == 12 and results["assignments"] == 2
    assert results["rows"]["attempts"] >= 12 * 2
    pages = set(results["median_ms"])
    assert {"floor", "analysis_page", "analysis_question", "responses_csv"} <= pages
    assert set(results["ratio_to_floor"]) == pages - {"floor"}
    assert all(results["queries"][name] >= 2 for name in pages)
    assert results["responses_csv_peak_kib"] > 0


def test_bench_profile_names_the_view_a_figure_spends_its_time_in():
    def profile(figure: str) -> subprocess.CompletedProcess:
        return run_bench("--profile", figure, "--rounds", "3")

    done = profile("quiz_10")
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Ordered by: internal time" in done.stdout
    assert "Ordered by: cumulative time" in done.stdout
    assert "(attempt_take)" in done.stdout  # the quiz page's view, by name
    unknown = profile("quiz_11")
    assert unknown.returncode != 0
    assert "quiz_10" in unknown.stderr  # the figures there are, to pick from


def test_bench_commits_times_a_committed_write_after_each_pause():
    done = run_bench("--commits", "--json", "--rounds", "3")
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(done.stdout)
    assert results["statements"] == 3
    assert [row["pause_ms"] for row in results["pauses"]] == [0, 1, 3, 10]
    assert all(row["committed_ms"] > 0 for row in results["pauses"])
    # PostgreSQL can return before the log is on disk: the difference is the wait for it.
    postgres = results["database"] == "postgresql"
    assert all(("not_waiting_ms" in row) is postgres for row in results["pauses"])
    printed = commits.table(results)
    assert "pause before (ms)" in printed and ("not waiting for the disk" in printed) is postgres


def test_the_commit_probe_refuses_to_run_inside_a_transaction(db):
    # Inside a transaction nothing would be committed: it would time the wrong thing.
    with pytest.raises(RuntimeError, match="autocommit"):
        commits.run(statements=1)
    assert "bench_commit_probe" not in connection.introspection.table_names()


@pytest.mark.django_db(transaction=True)
def test_the_commit_probe_commits_each_write_and_drops_its_table():
    results = commits.run(statements=2, pauses=(0,))
    assert [row["pause_ms"] for row in results["pauses"]] == [0]
    assert results["database"] == connection.vendor
    assert "bench_commit_probe" not in connection.introspection.table_names()


def test_every_round_has_every_figure_once_and_no_figure_always_follows_the_same_one():
    figures = [student.Figure(name, request=lambda: None) for name in sorted(FIGURES)]
    orders = list(student.round_orders(figures, 60))
    assert len(orders) == 60
    assert all(sorted(f.name for f in order) == sorted(FIGURES) for order in orders)
    before: dict[str, set] = {name: set() for name in FIGURES}
    for order in orders:
        for previous, figure in itertools.pairwise(order):
            before[figure.name].add(previous.name)
    # Over 60 rounds, each figure comes after most of the others at some point.
    assert all(len(names) >= len(FIGURES) - 2 for names in before.values()), before
    # The same orders in every run, so that two runs are measured alike.
    again = list(student.round_orders(figures, 60))
    assert [[f.name for f in o] for o in again] == [[f.name for f in o] for o in orders]
