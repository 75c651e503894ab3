"""The document as students read it: numbered sentences in paragraphs, glossary terms marked
as whole words, the longest term winning where terms overlap. Pure tables, no database."""

from dataclasses import dataclass, field

import pytest

from lessons.document import document_paragraphs, glossary_entries, mark_terms, term_pattern


@dataclass
class Term:
    term: str
    definition: str = "A definition [@ref]."
    aliases: list[str] = field(default_factory=list)


@dataclass
class Sentence:
    key: str
    paragraph: int
    text: str
    space_after: str = " "


GLOSSARY = [
    Term("Nagorno-Karabakh"),
    Term("Nagorno-Karabakh Autonomous Oblast", aliases=["Nagorno-Karabakh Autonomous Region"]),
    Term("CIS"),
    Term("massacre", aliases=["massacres"]),
]


def marked(text: str) -> list[tuple[str, str | None]]:
    entries = glossary_entries(GLOSSARY)
    lookup = {}
    for row, entry in zip(GLOSSARY, entries, strict=True):
        for name in (row.term, *row.aliases):
            lookup[" ".join(name.split()).casefold()] = entry
    pattern = term_pattern(name for row in GLOSSARY for name in (row.term, *row.aliases))
    return [(s.text, s.term.term if s.term else None) for s in mark_terms(text, pattern, lookup)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "in the Nagorno-Karabakh Autonomous Region of",
            [
                ("in the ", None),
                ("Nagorno-Karabakh Autonomous Region", "Nagorno-Karabakh Autonomous Oblast"),
                (" of", None),
            ],
        ),
        (
            "the Nagorno-Karabakh conflict",
            [("the ", None), ("Nagorno-Karabakh", "Nagorno-Karabakh"), (" conflict", None)],
        ),
        ("a decisive CIS move", [("a decisive ", None), ("CIS", "CIS"), (" move", None)]),
        (
            "Massacres and a massacre.",
            [
                ("Massacres", "massacre"),
                (" and a ", None),
                ("massacre", "massacre"),
                (".", None),
            ],
        ),
        (
            "the Nagorno-Karabakh\nAutonomous Oblast",
            [
                ("the ", None),
                ("Nagorno-Karabakh\nAutonomous Oblast", "Nagorno-Karabakh Autonomous Oblast"),
            ],
        ),
        ("No term here.", [("No term here.", None)]),
        ("massacred", [("massacred", None)]),  # a whole word only
    ],
)
def test_terms_are_whole_words_and_the_longest_match_wins(text, expected):
    assert marked(text) == expected


def test_sentences_are_grouped_by_paragraph_and_numbered_in_order():
    sentences = [
        Sentence("s1", 0, "The Land of Fire", ""),
        Sentence("s2", 1, "A massacre happened."),
        Sentence("s3", 1, "It was in Nagorno-Karabakh.", ""),
    ]
    paragraphs = document_paragraphs(sentences, GLOSSARY)
    assert [[s.key for s in p] for p in paragraphs] == [["s1"], ["s2", "s3"]]
    assert [s.number for p in paragraphs for s in p] == [1, 2, 3]
    assert "".join(seg.text for seg in paragraphs[1][0].segments) == "A massacre happened."


def test_glossary_anchors_are_unique_and_definitions_plain_for_tooltips():
    entries = glossary_entries([Term("Toll"), Term("toll!"), Term("*Odlar Yurdu*")])
    assert [e.anchor for e in entries] == ["term-toll", "term-toll-1", "term-odlar-yurdu"]
    # A tooltip cannot link to the reference list: the citation is left out.
    assert entries[0].plain == "A definition."


def test_no_glossary_means_no_marking():
    assert document_paragraphs([Sentence("s1", 0, "Text.")], [])[0][0].segments[0].term is None
