"""Texts written at two reading levels read at those levels: the simpler at most grade 7, the
standard at most grade 10 (Flesch-Kincaid, textstat). Runs on every package in seeds/ and on the
example; ``readability_problems`` is the one check, for any content test to call."""

from __future__ import annotations

from pathlib import Path

import pytest

from authoring.package import validate_package
from authoring.package.readability import (
    MAX_GRADE,
    plain,
    readability_grades,
    readability_problems,
)
from authoring.package.validate import find_packages

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = [*find_packages([ROOT / "seeds"]), ROOT / "tests" / "fixtures" / "packages" / "example"]


@pytest.mark.parametrize("folder", PACKAGES, ids=lambda p: p.name)
def test_every_leveled_text_reads_at_its_level(folder):
    package = validate_package(folder).package
    assert package is not None
    assert readability_problems(package) == []


def test_the_example_is_graded_at_both_levels():
    package = validate_package(PACKAGES[-1]).package
    grades = {(g.step, g.level): g.grade for g in readability_grades(package)}
    assert set(grades) >= {
        ("context", "standard"),
        ("context", "simpler"),
        ("close_reading", "simpler"),
    }
    assert grades[("context", "simpler")] < grades[("context", "standard")]


def test_a_hard_simpler_text_is_reported(example_copy):
    hard = (
        "Notwithstanding considerable municipal deliberation, the infrastructural "
        "consolidation necessitated extraordinary intergovernmental appropriations, "
        "substantially transforming transportation accessibility throughout the municipality."
    )
    example_copy.edit(
        "          simpler: What is the name of the river under the new bridge?",
        f"          simpler: {hard}",
    )
    package = example_copy.validate().package
    [problem] = readability_problems(package)
    assert problem.startswith("close_reading (simpler): grade ")
    assert problem.endswith(f"at most {MAX_GRADE['simpler']:.0f}")


def test_citations_and_markdown_marks_are_not_read():
    assert plain("The **bridge** opened [@council-minutes] ([a map](https://x.org)).") == (
        "The bridge opened (a map)."
    )
