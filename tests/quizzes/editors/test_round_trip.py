"""The editor's main property: every item of every package, put in its editor, rendered,
posted back as a browser would post it and read, is the same item again."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizzes.editors import item_editor
from quizzes.types import registry
from quizzes.types.levels import prose_paths
from tests.quizzes.types.test_type_properties import PROPERTY, RAW_SPECS, documents, texts

from .formdata import form_data
from .packages import package_items

ITEMS = list(package_items())


def round_trip(item, sentences, prefix="q"):
    html = item_editor(item["type"], spec=item, sentences=sentences, prefix=prefix).render()
    posted = form_data(html)
    return item_editor(item["type"], data=posted, sentences=sentences, prefix=prefix)


def test_the_packages_hold_items_of_every_type_with_an_editor_hint():
    types = {item["type"] for _name, _loc, item, _s in ITEMS}
    assert {"select", "matrix", "order", "match", "classify", "free_text", "two_part"} <= types


@pytest.mark.parametrize(
    ("item", "sentences"),
    [pytest.param(item, s, id=f"{name}:{'.'.join(map(str, loc))}") for name, loc, item, s in ITEMS],
)
def test_every_package_item_survives_the_editor_unchanged(item, sentences):
    editor = round_trip(item, sentences)
    assert not editor.acted
    assert editor.item() == item
    assert editor.is_valid(), editor.errors


def with_simpler_wordings(data, key, spec):
    """`spec` with some of its prose texts written at two levels, as an author may."""
    for path in list(prose_paths(registry.get(key).prose_patterns(spec), spec)):
        *parents, last = path
        container = spec
        for part in parents:
            container = container[part]
        text = container[last]
        if isinstance(text, str) and text.strip() and data.draw(st.booleans()):
            container[last] = {"standard": text, "simpler": data.draw(texts)}
    return spec


def test_the_generated_specs_have_prose_to_write_simpler():
    assert {key for key in RAW_SPECS if registry.get(key).prose_patterns({})} >= {
        "single_choice",
        "classify",
        "matrix",
        "two_part",
        "free_text",
    }


@pytest.mark.parametrize("key", sorted(RAW_SPECS))
@settings(PROPERTY, max_examples=12)
@given(data=st.data())
def test_every_generated_spec_survives_the_editor_unchanged(key, data):
    """With or without simpler wordings (the editor has a field for each)."""
    sentences = data.draw(documents(min_sentences=2))
    spec = with_simpler_wordings(data, key, data.draw(RAW_SPECS[key](sentences)))
    item = {"id": "q1", "type": key, "prompt": "Which?", "skills": ["sourcing"], "spec": spec}
    editor = round_trip(item, list(sentences.items()))
    assert editor.item() == item
