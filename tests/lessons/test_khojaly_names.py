"""The Khojaly lesson's place names in every form (issue 18, point 5): each place on the map has
all its forms in the glossary and in the map's text alternative, spelt exactly as the fact-sheet
addendum gives them, listed in one order for every place, and marked with their language."""

# ruff: noqa: RUF001  (place names are written with their own letters)
from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from django.template.loader import render_to_string

from authoring.package import validate_package
from lessons.document import glossary_entries
from lessons.models import GlossaryTerm

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "seeds" / "khojaly"
ADDENDUM = PACKAGE / "reference" / "khojaly-fact-sheet-addendum.md"
# One order for every place, favouring neither community: languages by their English names.
LANGUAGE_ORDER = {"hy": 0, "az": 1, "en": 2, "ru": 3}  # Armenian, Azerbaijani, English, Russian


def map_script():
    spec = importlib.util.spec_from_file_location("khojaly_map", ROOT / "scripts/khojaly_map.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def package():
    result = validate_package(PACKAGE)
    assert result.package is not None, result
    return result.package


@pytest.fixture(scope="module")
def glossary(package):
    return {entry.term: entry for entry in package.glossary}


def test_the_map_is_the_scripts_drawing():
    svg = (PACKAGE / "figures" / "khojaly-map.svg").read_text(encoding="utf-8")
    assert svg == map_script().svg()


def test_every_place_on_the_map_has_all_its_forms_in_the_glossary_and_the_description(
    package, glossary
):
    [figure] = [f for f in package.figures if f.id == "khojaly-map"]
    places = map_script().PLACES
    assert len(places) == 7
    for label, *_position, term in places:
        entry = glossary[term]
        assert len(entry.names) >= 2, term
        for form in entry.names:
            assert form.name in figure.long_description, (term, form.name)
            if form.latin:
                assert form.latin in figure.long_description, (term, form.latin)
        # The label shows forms the glossary lists (both communities' names where given).
        forms = {form.name for form in entry.names} | {f.latin for f in entry.names if f.latin}
        assert any(part.strip(" ()") in forms for part in re.split(r" / | \(", label)), label


def test_every_form_is_spelt_as_the_addendum_gives_it(glossary):
    addendum = ADDENDUM.read_text(encoding="utf-8")
    for entry in glossary.values():
        for form in entry.names:
            assert form.name in addendum, (entry.term, form.name)
            if form.latin:
                assert form.latin in addendum, (entry.term, form.latin)


def test_the_forms_of_every_place_come_in_the_same_order(glossary):
    named = [entry for entry in glossary.values() if entry.names]
    assert len(named) >= 8
    for entry in named:
        order = [LANGUAGE_ORDER[form.lang] for form in entry.names]
        assert order == sorted(order), entry.term


def test_the_glossary_marks_the_language_of_each_form(glossary):
    entry = glossary["Xocalı / Khojalu / Ходжалы"]
    row = GlossaryTerm(
        term=entry.term,
        aliases=list(entry.aliases),
        names=[vars(form) for form in entry.names],
        definition=entry.definition,
    )
    html = render_to_string("lessons/_glossary.html", {"glossary": glossary_entries([row])})
    assert '<span lang="hy">Խոջալու</span>' in html
    assert '<span lang="hy-Latn">Khojalu</span>' in html
    assert '<span lang="hy">Իվանյան</span>' in html
    assert '<span lang="az">Xocalı</span>' in html
    assert '<span lang="ru">Ходжалы</span>' in html
    assert '<span lang="en">Khojaly</span>' in html
    assert html.index("Armenian") < html.index("Azerbaijani") < html.index("Russian")
