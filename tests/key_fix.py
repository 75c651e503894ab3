"""A key fix in a lesson package, made the documented way: a copy of the example package with
the key of one answered question changed, loaded through the real loader."""

import shutil
from pathlib import Path

from authoring.services import lesson_packages_load
from tests.conftest import EXAMPLE_PACKAGE

# q-purpose (single choice): the key moves from "celebrate" to "neutral".
OLD = (
    "- {id: celebrate, text: To celebrate the bridge and answer its critics, correct: true}\n"
    "          - {id: neutral, text: To give a neutral record of the opening}\n"
)
NEW = (
    "- {id: celebrate, text: To celebrate the bridge and answer its critics}\n"
    "          - {id: neutral, text: To give a neutral record of the opening, correct: true}\n"
)
FIXED_QUESTION = "q-purpose"


def package_with_key_fix(folder: Path) -> Path:
    """A copy of the example package in `folder` whose q-purpose key is "neutral"."""
    target = folder / "example-key-fix"
    shutil.copytree(EXAMPLE_PACKAGE, target)
    lesson_yaml = target / "lesson.yaml"
    text = lesson_yaml.read_text(encoding="utf-8")
    assert OLD in text, "the example package changed: update tests/key_fix.py"
    lesson_yaml.write_text(text.replace(OLD, NEW), encoding="utf-8")
    return target


def load_key_fix(folder: Path):
    """Load the fixed copy; returns the loader's result for the lesson."""
    [result] = lesson_packages_load(paths=[package_with_key_fix(folder)])
    return result
