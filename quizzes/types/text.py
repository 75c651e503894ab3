"""Words in a text: the one tokenizer behind word selection and word counts."""

from __future__ import annotations

import re

# A word is a run of letters or digits, with hyphens or apostrophes (straight or curly)
# allowed inside it: "Nagorno-Karabakh", "region's", "1992" are one word each; "6,300" is two.
WORD = re.compile(r"[^\W_]+(?:[-\u2010\u2011'\u2019][^\W_]+)*")


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of every word in `text`, in order."""
    return [match.span() for match in WORD.finditer(text)]


def word_count(text: str) -> int:
    return sum(1 for _ in WORD.finditer(text))
