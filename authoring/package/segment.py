"""The deterministic sentence splitter (docs/lesson-format.md, "The main source").

Pure: text and overrides in, sentences out. Sentence ids depend only on those, so an id an author
wrote in lesson.yaml keeps pointing at the same sentence until the text or the overrides change.
Every sentence keeps its original characters, and the white space that followed it, so a page can
rebuild each paragraph exactly: ``"".join(s.text + s.space_after for s in paragraph)``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# White space that may separate two sentences. A no-break space never does: an author who typed
# one (``No.\u00a05``) said so.
_SPACE = r"[^\S\u00a0\u2007\u202f]"
# Sentence-final punctuation, optionally followed by closing quotes or brackets, then white space.
_END = re.compile(rf"[.!?]+[\"'\u201d\u2019\u00bb\u203a)\]]*(?P<space>{_SPACE}+)")
# After a break the author forced, every kind of white space goes with it, no-break spaces too:
# a sentence never starts with white space.
_BREAK_SPACE = re.compile(r"\s+")
_OPENING_QUOTES = frozenset("\"'\u201c\u2018\u00ab\u201e\u2039")
_BLANK_LINE = re.compile(r"[^\S\n]*\n[^\S\n]*\n\s*")


@dataclass(frozen=True)
class Sentence:
    """One addressable sentence of the main source.

    ``paragraph`` is the 0-based index of its paragraph; ``space_after`` is the original white
    space between it and the next sentence of the same paragraph ("" for the last one)."""

    id: str
    text: str
    paragraph: int
    space_after: str


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs are separated by lines that are empty or hold only white space."""
    stripped = normalize_newlines(text).strip()
    return [p for p in _BLANK_LINE.split(stripped) if p] if stripped else []


def split_sentences(
    text: str, *, no_break_after: Sequence[str] = (), break_after: Sequence[str] = ()
) -> tuple[Sentence, ...]:
    """Split a document into sentences with ids ``s1``, ``s2``, … in document order."""
    sentences: list[Sentence] = []
    for index, paragraph in enumerate(split_paragraphs(text)):
        breaks = _breaks(paragraph, no_break_after, break_after)
        start = 0
        for end, next_start in [*breaks, (len(paragraph), len(paragraph))]:
            sentences.append(
                Sentence(
                    id=f"s{len(sentences) + 1}",
                    text=paragraph[start:end],
                    paragraph=index,
                    space_after=paragraph[end:next_start],
                )
            )
            start = next_start
    return tuple(sentences)


def _breaks(
    paragraph: str, no_break_after: Sequence[str], break_after: Sequence[str]
) -> list[tuple[int, int]]:
    """Sorted ``(end of sentence, start of next sentence)`` positions inside one paragraph."""
    found: dict[int, int] = {}
    for match in _END.finditer(paragraph):
        end, next_start = match.start("space"), match.end("space")
        if next_start == len(paragraph) or not _starts_sentence(paragraph[next_start]):
            continue
        if any(paragraph.endswith(stop, 0, end) for stop in no_break_after if stop):
            continue
        found[end] = next_start
    # Forced breaks come last so that they win over ``no_break_after``: they are explicit.
    for forced in filter(None, break_after):
        for occurrence in re.finditer(re.escape(forced), paragraph):
            space = _BREAK_SPACE.match(paragraph, occurrence.end())
            if space and space.end() < len(paragraph):
                found[occurrence.end()] = space.end()
    return sorted(found.items())


def _starts_sentence(char: str) -> bool:
    return char.isupper() or char.isdigit() or char in _OPENING_QUOTES
