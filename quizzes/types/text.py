"""Words in a text: the one tokenizer behind word selection and word counts."""

from __future__ import annotations

import re
from typing import NamedTuple

# A word is a run of letters or digits, with hyphens or apostrophes (straight or curly)
# allowed inside it: "Nagorno-Karabakh", "region's", "1992" are one word each; "6,300" is two.
WORD = re.compile(r"[^\W_]+(?:[-\u2010\u2011'\u2019][^\W_]+)*")


class Word(NamedTuple):
    """The `n`th word of a text (from 1), at `start:end`, with the text around it exactly as
    written: `before` is what precedes the first word (empty for the others), `after` what lies
    up to the next word or the end, so the pieces of every word join back into the text."""

    n: int
    text: str
    start: int
    end: int
    before: str
    after: str


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of every word in `text`, in order."""
    return [match.span() for match in WORD.finditer(text)]


def words_of(text: str) -> list[Word]:
    """The words of `text` with what lies between them: what a word picker shows and what a
    word selection grades, split by the one rule of `word_spans`."""
    spans = word_spans(text)
    return [
        Word(
            n=n,
            text=text[start:end],
            start=start,
            end=end,
            before=text[:start] if n == 1 else "",
            after=text[end : spans[n][0] if n < len(spans) else len(text)],
        )
        for n, (start, end) in enumerate(spans, 1)
    ]


def word_count(text: str) -> int:
    return sum(1 for _ in WORD.finditer(text))
