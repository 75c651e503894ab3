"""Words of a text: the one split behind a word selection's options, its grading and the
editor's word picker."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizzes.types import Context, registry
from quizzes.types.text import word_spans, words_of

SENTENCES = [
    "The town was shelled for weeks.",
    "\u201cIt was the most brutal, heinous crime of the Nagorno-Karabakh war.\u201d",
    "Khojaly was a town of some 6,300 people; the region's 366th regiment left.",
    "\u2014 and then, nothing \u2014",
    "Xocal\u0131 \u2014 \u0540\u0561\u0575\u0561\u057d\u057f\u0561\u0576 \U0001f600 "
    "don\u2019t  stop",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_the_pieces_of_the_words_join_back_into_the_text_exactly(text):
    words = words_of(text)
    assert "".join(w.before + w.text + w.after for w in words) == text
    assert [(w.start, w.end) for w in words] == word_spans(text)
    assert [w.n for w in words] == list(range(1, len(words) + 1))
    assert all(w.text == text[w.start : w.end] for w in words)


def test_only_the_first_word_carries_what_comes_before_it():
    words = words_of("\u201cIt was, they said, over.\u201d")
    assert [(w.before, w.text, w.after) for w in words] == [
        ("\u201c", "It", " "),
        ("", "was", ", "),
        ("", "they", " "),
        ("", "said", ", "),
        ("", "over", ".\u201d"),
    ]


def test_a_text_without_words_has_no_pieces():
    assert words_of(" \u2014 ... ") == []


qt = registry.get("select")


def picked_run(text: str, first: int, last: int) -> str:
    """What the word picker writes for words first..last (from 1): the text's own characters
    from the first word's start to the last word's end (static/js/word-picker.js)."""
    words = words_of(text)
    return text[words[first - 1].start : words[last - 1].end]


@given(
    st.sampled_from(SENTENCES[:3] + SENTENCES[4:]),
    st.integers(min_value=1, max_value=20),
    st.integers(min_value=0, max_value=5),
)
def test_a_picked_run_that_occurs_once_resolves_to_exactly_the_words_picked(text, first, more):
    count = len(words_of(text))
    first = min(first, count)
    last = min(first + more, count)
    span = picked_run(text, first, last)
    spec = qt.parse_spec({"unit": "word", "key": [{"sentence": "s1", "text": span}]})
    issues = qt.check(spec, Context(sentences={"s1": text}))
    if text.count(span) != 1:
        # The picker says so next to the run; the validator refuses it at the same place.
        assert any(loc == ("key", 0, "text") for loc, _message in issues)
        return
    resolved = qt.prepare(spec, Context(sentences={"s1": text, "s2": "Another sentence."}))
    assert resolved.key_groups == [[f"s1.w{n}" for n in range(first, last + 1)]]
