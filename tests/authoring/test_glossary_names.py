"""A glossary entry's names in each language (`names`): validated at their lines, loaded, and
shown with their language marked."""

from __future__ import annotations

import pytest

from authoring.services import lesson_packages_load
from lessons.models import GlossaryTerm

NAMES = """  - term: ferry
    aliases: [ferries]
    names:
      - {lang: en, name: ferry}
      - {lang: fr, name: bac, note: in the town's French papers}
      - {lang: ru, name: паром, latin: parom}
"""


def with_names(example_copy, names: str = NAMES) -> None:
    example_copy.edit("  - term: ferry\n    aliases: [ferries]\n", names)


def test_names_are_read_in_the_order_written(example_copy):
    with_names(example_copy)
    [ferry] = [g for g in example_copy.validate().package.glossary if g.term == "ferry"]
    assert [(n.lang, n.name, n.latin, n.note) for n in ferry.names] == [
        ("en", "ferry", None, None),
        ("fr", "bac", None, "in the town's French papers"),
        ("ru", "паром", "parom", None),
    ]


@pytest.mark.parametrize(
    ("bad", "where", "message"),
    [
        ("{lang: Russian, name: паром}", "glossary[0].names[2].lang", "not a language tag"),
        ("{lang: ru}", "glossary[0].names[2]", "missing field 'name'"),
        ("{lang: ru, name: паром, script: Cyrl}", "glossary[0].names[2]", "unknown key 'script'"),
    ],
)
def test_a_wrong_name_is_reported_at_its_line(example_copy, bad, where, message):
    with_names(example_copy, NAMES.replace("{lang: ru, name: паром, latin: parom}", bad))
    errors = example_copy.errors()
    line = example_copy.line(bad)
    assert any(e[0] == line and e[1] == where and message in e[2] for e in errors), errors


@pytest.mark.django_db
def test_names_are_loaded_with_the_glossary(example_copy):
    with_names(example_copy)
    lesson_packages_load(paths=[example_copy.folder])
    ferry = GlossaryTerm.objects.get(term="ferry")
    assert ferry.names[2] == {"lang": "ru", "name": "паром", "latin": "parom", "note": None}
