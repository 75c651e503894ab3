"""Every question item of the packages in seeds/ and the test fixtures, with its package's
sentences, read as the package validator reads them."""

from __future__ import annotations

from pathlib import Path

from authoring.package.document import check_main_source
from authoring.package.findings import Findings
from authoring.package.rawtree import raw_questions
from authoring.package.yamlload import load_yaml

ROOT = Path(__file__).resolve().parents[3]
PACKAGES = sorted(
    [
        *(ROOT / "seeds").glob("*/lesson.yaml"),
        *(ROOT / "tests/fixtures/packages").glob("*/lesson.yaml"),
    ]
)


def package_items():
    """(package name, item location, item, sentences as (id, text)) for every item."""
    for file in PACKAGES:
        loaded = load_yaml(file.read_text(encoding="utf-8"))
        findings = Findings(str(file), loaded.lines)
        main = check_main_source(loaded.data, findings, file.parent)
        sentences = [(s.id, s.text) for s in main.sentences] if main else []
        for loc, item in raw_questions(loaded.data):
            yield file.parent.name, loc, item, sentences
