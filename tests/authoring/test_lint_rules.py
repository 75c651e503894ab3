"""The content lint's rules, each shown catching a bad example and passing a good one.

Pure tables: a raw tree as the YAML loader gives it, no files, no database."""

from __future__ import annotations

import pytest

from authoring.lint import text
from authoring.lint.config import Forbidden, LintConfig, ReferenceText
from authoring.lint.rules import (
    LintInput,
    check_citations,
    check_copies,
    check_excerpts,
    check_explained,
    check_forbidden,
    check_quotations,
    check_source_cards,
    states_a_fact,
)

DOCUMENT = "The bridge was opened on 4 May 1911. It cost the town a great deal of money."
FACT_SHEET = ReferenceText(
    "reference/sheet.md",
    'The clerk wrote that "about 1,200 people came to watch the opening". Research notes: '
    "the mayor paid for the ribbon out of his own pocket, a local paper said later that year.",
)
CONFIG = LintConfig(references=(FACT_SHEET,), named_sources=("the clerk", "Gazette"))


def lint(rule, raw, config=CONFIG, document=DOCUMENT):
    return [(f.rule, f.loc, f.message) for f in rule(LintInput(raw, document, config))]


def body(value):
    return {"steps": [{"kind": "context", "title": "Background", "body": value}]}


@pytest.mark.parametrize(
    ("prose", "bad"),
    [
        ('The town says it "cost the town a great deal of money".', None),
        ('The clerk counted "about 1,200 people came to watch".', None),  # a quoted passage
        ("A “great deal of money”, curly quotes and case ignored.", None),
        ('Gaps are marked: "The bridge was opened ... 1911".', None),
        ('An editor\'s word: "It cost [Alderton] a great deal".', None),
        ('A quote running over a line\nbreak: "the town a great\ndeal of money".', None),
        ('A paraphrase in quotation marks: "cost a lot of money".', "cost a lot of money"),
        ('Research notes are not a quotation: "paid for the ribbon".', "paid for the ribbon"),
        ('Scare quotes: the "so-called" bridge.', "so-called"),
    ],
)
def test_quotation_marks_go_only_around_words_found_in_a_quoted_text(prose, bad):
    found = lint(check_quotations, body(prose))
    if bad is None:
        assert found == []
    else:
        assert len(found) == 1
        rule, loc, message = found[0]
        assert (rule, loc) == ("quotation", ("steps", 0, "body"))
        assert message.startswith(f'"{bad}" is not the exact words')


def test_an_excerpt_of_a_source_is_quotable_and_the_package_labels_too():
    raw = {
        "sources": [{"id": "gazette", "excerpt": '"Ten thousand cheered," wrote the *Gazette*.'}],
        "steps": [
            {
                "title": "Check the crowd",
                "body": 'It says "ten thousand cheered"; see "Check the crowd".',
            }
        ],
    }
    assert lint(check_quotations, raw) == []


def test_an_excerpt_must_quote_a_reference_text_word_for_word():
    good = {"sources": [{"id": "a", "excerpt": '"about 1,200 people came" (clerk, p. 2)'}]}
    bad = {"sources": [{"id": "a", "excerpt": '"about 1,300 people came" (clerk, p. 2)'}]}
    bare = {"sources": [{"id": "a", "excerpt": "about 1,200 people came"}]}
    assert lint(check_excerpts, good) == []
    assert [f[0:2] for f in lint(check_excerpts, bad)] == [("excerpt", ("sources", 0, "excerpt"))]
    assert "quotation marks" in lint(check_excerpts, bare)[0][2]
    assert lint(check_excerpts, bad, config=LintConfig()) == []  # nothing to compare with


@pytest.mark.parametrize(
    ("paragraph", "reason"),
    [
        ("The bridge opened in 1911.", "the year 1911"),
        ("About 1,200 people came.", "the number 1,200"),
        ("According to the Gazette, it rained.", "the source Gazette"),
        ("Sentence s12 and sentences s3\u2013s5 repeat the claim.", None),
        ("Part 2 takes 45 minutes; answer questions 3 and 4.", None),
        ("`s4` is the key.", None),
        ("**2. Numbered notes** list (1) this and (2) that.", None),
        ("| Period | Core |\n| 1 | Read together |", None),
        ("Name the soldiers of the 366th regiment.", None),
        ("A gazetteer lists places; the Gazetteer too.", None),  # whole names only
        ("Nobody agrees why the bridge was built.", None),
    ],
)
def test_what_counts_as_stating_a_fact(paragraph, reason):
    assert states_a_fact(paragraph, ("Gazette",)) == reason


def test_each_paragraph_that_states_a_fact_needs_its_own_citation():
    raw = body(
        "It opened in 1911 [@minutes].\n\nAbout 1,200 came.\n\n- Gazette: rain.\n- No claim."
    )
    found = lint(check_citations, raw)
    assert [(f[0], f[1]) for f in found] == [("citation", ("steps", 0, "body"))] * 2
    assert "(the number 1,200)" in found[0][2]
    assert "(the source Gazette)" in found[1][2]


def test_a_heading_with_a_year_is_not_a_claim():
    assert lint(check_citations, body("## The war, 1992-1994\n\nIt ended [@minutes].")) == []


def test_numbers_quoted_from_the_document_are_its_claims_not_the_lessons():
    quoted = body('The text dates the bridge "on 4 May 1911" without a source.')
    unquoted = body("The text dates the bridge on 4 May 1911 without a source.")
    assert lint(check_citations, quoted) == []
    assert [f[0] for f in lint(check_citations, unquoted)] == ["citation"]


def test_prompts_labels_and_source_cards_are_not_held_to_citations():
    raw = {
        "sources": [{"id": "g", "summary": "The Gazette said 10,000 came in 1911."}],
        "quiz": {"items": [{"id": "q", "prompt": "How many came in 1911?", "spec": {}}]},
    }
    assert lint(check_citations, raw) == []


def _activity(field, value):
    return {"steps": [{"kind": "context", "activities": [{"id": "a", field: value}]}]}


@pytest.mark.parametrize(
    ("raw", "cited"),
    [
        # A prompt asks; written at two reading levels it still asks.
        (_activity("prompt", "How many came in 1911?"), True),
        (_activity("prompt", {"standard": "How many came in 1911?", "simpler": "How many?"}), True),
        # A body, and feedback, state facts at either level: the levels do not excuse them.
        (body({"standard": "About 1,200 came.", "simpler": "Many came [@minutes]."}), False),
        (body({"standard": "It opened [@minutes].", "simpler": "It opened in 1911."}), False),
        (_activity("feedback", {"correct": {"standard": "Yes, 1,200.", "simpler": "Yes."}}), False),
        # A level key elsewhere is not taken for a level of a prompt.
        ({"steps": [{"kind": "context", "body": {"simpler": "The Gazette said so."}}]}, False),
    ],
)
def test_texts_at_two_reading_levels_are_held_to_their_fields_rule(raw, cited):
    found = lint(check_citations, raw)
    assert (found == []) is cited, found


def test_a_run_of_nine_words_shared_with_a_reference_text_is_a_copy():
    copied = body("We know the mayor paid for the ribbon out of his own pocket.")
    found = lint(check_copies, copied)
    assert len(found) == 1
    assert found[0][2].startswith("11 words in a row as in reference/sheet.md: ")
    assert '"the mayor paid for the ribbon out of his own pocket"' in found[0][2]


@pytest.mark.parametrize(
    "prose",
    [
        "The mayor paid for the ribbon out of town.",  # eight words shared
        'As a note says, "the mayor paid for the ribbon out of his own pocket".',  # quoted
        "The mayor paid for the ribbon. Out of his own pocket, he said.",  # a break
    ],
)
def test_eight_shared_words_quotations_and_sentence_breaks_are_not_copies(prose):
    assert lint(check_copies, body(prose)) == []


def test_wording_of_an_excerpt_counts_as_copied_outside_quotation_marks():
    raw = {
        "sources": [
            {"id": "g", "excerpt": '"a great crowd of townspeople stood on both banks to cheer"'}
        ],
        **body("A great crowd of townspeople stood on both banks to cheer, it says."),
    }
    found = lint(check_copies, raw)
    assert len(found) == 1 and "the excerpt of sources.0" in found[0][2]


def test_every_source_card_fills_the_fields_any_card_fills():
    raw = {
        "sources": [
            {"id": "a", "title": "A", "citation": "A.", "summary": "S.", "excerpt": '"x"'},
            {"id": "b", "title": "B", "citation": "B.", "summary": "S.", "excerpt": None},
            {
                "id": "c",
                "title": "C",
                "citation": "C.",
                "summary": "S.",
                "excerpt": '"y"',
                "known": [],
            },
        ]
    }
    assert lint(check_source_cards, raw) == [
        (
            "source-card",
            ("sources", 1),
            "source 'b' leaves 'excerpt' empty, which 2 of 3 source cards fill: give every "
            "card the same fields",
        )
    ]


def test_every_classified_item_and_matrix_cell_is_explained():
    raw = {
        "steps": [
            {
                "activities": [
                    {
                        "id": "fi",
                        "type": "classify",
                        "spec": {
                            "items": [
                                {"id": "ok", "category": "fact", "explanation": "HRW says so."},
                                {"id": "bare", "category": "fact"},
                            ]
                        },
                    }
                ]
            }
        ],
        "quiz": {
            "items": [
                {
                    "id": "m",
                    "type": "matrix",
                    "spec": {
                        "cells": {
                            "r": {
                                "c1": {"category": "x", "explanation": "Why."},
                                "c2": {"category": "x"},
                            }
                        }
                    },
                }
            ]
        },
    }
    assert [(f[1], f[2].split(":")[0]) for f in lint(check_explained, raw)] == [
        (
            ("steps", 0, "activities", 0, "spec", "items", 1),
            "item 'bare' of 'fi' has no explanation",
        ),
        (("quiz", "items", 0, "spec", "cells", "r", "c2"), "cell r/c2 of 'm' has no explanation"),
    ]


def test_forbidden_wording_is_found_in_any_field_whatever_its_case():
    config = LintConfig(forbidden=(Forbidden("80 to 613", "613 is not the top"),))
    raw = {"quiz": {"items": [{"id": "q", "spec": {"choices": [{"text": "From 80 TO 613 dead"}]}}]}}
    assert lint(check_forbidden, raw, config=config) == [
        (
            "forbidden",
            ("quiz", "items", 0, "spec", "choices", 0, "text"),
            '"80 to 613": 613 is not the top',
        )
    ]
    assert lint(check_forbidden, body("From 80 to about 1,000."), config=config) == []


def test_paragraphs_split_on_blank_lines_and_list_items_with_their_offsets():
    source = "One.\n\nTwo\nstill two.\n- three\n- four"
    pieces = text.paragraphs(source)
    assert [p.text.strip() for p in pieces] == ["One.", "Two\nstill two.", "- three", "- four"]
    assert all(source[p.start :].startswith(p.text) for p in pieces)


# --- structured excerpts (``excerpts: [{quote, locator}]``) -------------------------------


def with_excerpt(quote, **more):
    source = {"id": "clerk", "excerpts": [{"quote": quote, "locator": "p. 2"}], **more}
    return {"sources": [source]}


def test_prose_may_quote_a_structured_excerpt_word_for_word():
    raw = with_excerpt("about 1,200 people came to watch the opening")
    raw |= body('The clerk says "about 1,200 people came to watch" [@clerk].')
    assert lint(check_quotations, raw) == []


def test_a_structured_excerpt_must_be_word_for_word_a_quotation_of_a_reference_text():
    assert lint(check_excerpts, with_excerpt("about 1,200 people came to watch")) == []
    [(rule, loc, message)] = lint(check_excerpts, with_excerpt("some 2,000 people came"))
    assert (rule, loc) == ("excerpt", ("sources", 0, "excerpts", 0, "quote"))
    assert "is not word for word a quotation" in message


def test_a_structured_excerpt_is_not_prose_to_cite_or_to_reword():
    raw = with_excerpt("in 1911 the bridge was a costly ornament and a waste of the town's money")
    assert lint(check_citations, raw) == []
    copied = body("They said the bridge was a costly ornament and a waste of the town's money.")
    [(rule, _loc, message)] = lint(check_copies, raw | copied)
    assert rule == "copy"
    assert "the excerpt at sources.0.excerpts.0.quote" in message


def test_every_card_gives_structured_excerpts_if_one_does():
    raw = {
        "sources": [
            {"id": "a", "excerpts": [{"quote": "x", "locator": "p. 1"}]},
            {"id": "b"},
        ]
    }
    [(rule, loc, message)] = lint(check_source_cards, raw)
    assert (rule, loc) == ("source-card", ("sources", 1))
    assert "'excerpts'" in message
