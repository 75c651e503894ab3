"""Pure text helpers of the content lint: paragraphs, quotations, word runs.

Everything here works on plain strings and returns offsets into them, so a rule can place a
finding at its line inside a ``|`` block."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

# Straight and curly double quotation marks; single quotes are apostrophes too often to count.
# A quotation may run over a line break, never over a blank line (a paragraph break).
_QUOTATION = re.compile(
    r"\"((?:[^\"\n]|\n(?![ \t]*\n))+?)\"|“((?:[^”\n]|\n(?![ \t]*\n))+?)”|«([^»]+?)»"
)
_CITATION = re.compile(r"\[@[a-z0-9-]+\]")
# Gaps inside a quotation: an ellipsis, or words in square brackets added by an editor.
_GAP = re.compile(r"\.\.\.|…|\[[^\]]*\]")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")  # after _DASHES: one kind of apostrophe
# En dash, em dash, non-breaking hyphen; curly single and double quotes: one of each kind.
_DASHES = str.maketrans(
    {"\u2013": "-", "\u2014": "-", "\u2011": "-", "\u2018": "'", "\u2019": "'"}
    | {"\u201c": '"', "\u201d": '"'}
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# A list item starts a line with a bullet or a short number ("1992) ..." is wrapped text).
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,2}[.)])[ \t]+", re.MULTILINE)


@dataclass(frozen=True)
class Piece:
    """A part of a longer string: its text and where it starts in that string."""

    text: str
    start: int


def normalise(text: str) -> str:
    """Lower case, one kind of dash and quote, single spaces: how quotations are compared."""
    return " ".join(text.translate(_DASHES).lower().split())


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased, without punctuation (``it's`` stays one word)."""
    return _WORD.findall(text.translate(_DASHES).lower())


def paragraphs(text: str) -> list[Piece]:
    """Markdown paragraphs of ``text``; each list item counts as a paragraph of its own."""
    pieces: list[Piece] = []
    start = 0
    for block in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = block.start() if block else len(text)
        chunk = text[start:end]
        marks = [m.start() for m in _LIST_ITEM.finditer(chunk)]
        cuts = sorted({0, *marks})
        for i, cut in enumerate(cuts):
            part = chunk[cut : cuts[i + 1] if i + 1 < len(cuts) else len(chunk)]
            if part.strip():
                pieces.append(Piece(part, start + cut))
        start = block.end() if block else len(text)
    return pieces


def quotations(text: str) -> list[Piece]:
    """The text inside each pair of double quotation marks, with its offset."""
    found = []
    for match in _QUOTATION.finditer(text):
        group = next(g for g in range(1, 4) if match.group(g) is not None)
        found.append(Piece(match.group(group), match.start(group)))
    return found


def quoted_parts(quotation: str) -> list[str]:
    """The stretches of a quotation that must be found word for word: the text between
    ellipses and editorial ``[brackets]``, without the punctuation at their ends."""
    parts = [p.strip(" \t\n,.;:!?()'") for p in _GAP.split(quotation)]
    return [p for p in parts if words(p)]


def without_citations(text: str) -> str:
    """``text`` with ``[@id]`` citations blanked out (same length, so offsets hold)."""
    return _CITATION.sub(lambda m: " " * len(m.group()), text)


def has_citation(text: str) -> bool:
    return bool(_CITATION.search(text))


def outside_quotations(text: str) -> str:
    """``text`` with every quotation replaced by a full stop and spaces: quoted words are
    checked by the quotation rule, not counted as copied prose, and a run of shared words
    never continues across a quotation."""
    out = text
    for piece in quotations(text):
        out = (
            out[: piece.start]
            + "."
            + " " * (len(piece.text) - 1)
            + out[piece.start + len(piece.text) :]
        )
    return out


def ngrams(tokens: list[str], size: int) -> Iterator[tuple[str, ...]]:
    for i in range(len(tokens) - size + 1):
        yield tuple(tokens[i : i + size])


@dataclass(frozen=True)
class Run:
    """A run of words shared with another text: its words and the offset of its first word."""

    words: tuple[str, ...]
    start: int


def shared_runs(text: str, known: set[tuple[str, ...]], size: int) -> list[Run]:
    """Maximal runs of at least ``size`` consecutive words of ``text`` (outside quotations and
    citations) whose every ``size``-word window is in ``known``. Sentence ends break a run."""
    plain = outside_quotations(without_citations(text))
    located = [(m.group(), m.start()) for m in _WORD.finditer(plain.translate(_DASHES).lower())]
    breaks = _sentence_breaks(plain, located)
    runs: list[Run] = []
    i = 0
    while i + size <= len(located):
        window = tuple(w for w, _ in located[i : i + size])
        if window in known and not breaks.intersection(range(i + 1, i + size)):
            end = i + size
            while end < len(located) and end not in breaks:
                if tuple(w for w, _ in located[end - size + 1 : end + 1]) not in known:
                    break
                end += 1
            runs.append(Run(tuple(w for w, _ in located[i:end]), located[i][1]))
            i = end
        else:
            i += 1
    return runs


def _sentence_breaks(plain: str, located: list[tuple[str, int]]) -> set[int]:
    """Indexes of words that follow a full stop, colon, semicolon, bracket or line break."""
    breaks = set()
    for index in range(1, len(located)):
        between = plain[located[index - 1][1] + len(located[index - 1][0]) : located[index][1]]
        if any(mark in between for mark in ".;:!?()\n"):
            breaks.add(index)
    return breaks


def reference_quotations(text: str) -> Iterable[str]:
    """What a research text presents as a source's own words: its quotations and its
    ``>`` block quotes (joined line by line)."""
    yield from (piece.text for piece in quotations(text))
    block: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.lstrip().startswith(">"):
            block.append(line.lstrip()[1:].strip())
        elif block:
            yield " ".join(block)
            block = []
