"""The content lint's rules: pure functions from a package's raw tree (and the texts it is
compared with) to findings. Each rule has a key, used in the output and in allow-lists:

- ``quotation``: text in quotation marks is the exact words of the document, a source's
  excerpt, a quotation in a reference text, a citation, or one of the package's own labels;
- ``excerpt``: a source's excerpt quotes, word for word, a quotation in a reference text;
- ``citation``: a paragraph that states a fact (a year or other number, or a named source)
  cites a work with ``[@id]``;
- ``copy``: no run of more than ``RUN`` words is shared with a reference text or an excerpt;
- ``source-card``: every comparison source fills the fields that any of them fills;
- ``explained``: every item of a ``classify`` question and every ``matrix`` cell is explained;
- ``forbidden``: wording the package's ``lint.yaml`` rules out does not occur.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from authoring.lint import text as t
from authoring.lint.config import LintConfig
from authoring.package.errors import Loc
from authoring.package.rawtree import dicts, get, raw_questions
from core.levels import LEVELS

RUN = 8  # the longest run of words prose may share with a reference text

# Fields that are not prose: ids, keys, file names, plain card fields, bibliographic text.
_NOT_PROSE = {
    "id", "file", "url", "sentence", "category", "type", "unit", "code", "skills", "kind",
    "slug", "format", "language", "grade_band", "within", "key", "sources", "answer",
    "accepted", "tolerance", "tolerance_percent", "min_words", "max_words", "level", "points",
    "no_break_after", "break_after", "aliases", "term", "title", "author", "publisher", "date",
    "citation", "excerpt", "version", "estimated_minutes", "min", "max", "segmentation",
    "settings", "quote", "locator",
}  # fmt: skip
# Prose that asks or labels rather than states: no citation expected there.
_NO_CLAIM = {"prompt", "text", "label", "audience", "perspective", "type"}
_LEVELS = frozenset(LEVELS)  # the keys of a text written at two reading levels
_CLAIM_SECTIONS = {"steps", "glossary", "teacher_guide", "quiz", "source"}

_YEAR = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)s?\b")
_NUMBER = re.compile(r"\d[\d,.]*")
_NOT_A_FACT_NUMBER = re.compile(
    r"\b(?:s\d+(?:\s*[\u2013-]\s*s?\d+)?|(?:paragraphs?|parts?|steps?|periods?|questions?|items?|"
    r"sentences?|rows?|columns?|levels?|points?)\s+\d+(?:\s*(?:[\u2013-]|and|or|to)\s*\d+)?|"
    r"\d+\s*(?:minutes?|min|words?|points?|marks?))\b|`[^`]*`|^\s*\**\d{1,2}[.)]\s|"
    r"\(\d{1,2}\)|\|\s*\d{1,2}\s*(?=\|)|\b\d+(?:st|nd|rd|th)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class RawFinding:
    rule: str
    loc: Loc
    message: str
    offset: int | None = None  # where in the string at ``loc``, when the finding is inside one


@dataclass(frozen=True)
class LintInput:
    raw: Any
    document: str
    config: LintConfig


def prose(raw: Any) -> Iterator[tuple[Loc, str]]:
    """Every prose string of the package with its location (not ids, card fields, citations,
    excerpts, or spans copied from the document)."""
    yield from _prose(raw, ())


def _prose(value: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, dict):
        for key, child in value.items():
            if key in _NOT_PROSE or (key == "text" and "sentence" in value):
                continue
            yield from _prose(child, (*loc, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _prose(child, (*loc, index))
    elif isinstance(value, str) and loc:
        yield loc, value


def excerpts(raw: Any) -> list[tuple[Loc, str]]:
    return [
        (("sources", i, "excerpt"), source["excerpt"])
        for i, source in dicts(get(raw, "sources"))
        if isinstance(source.get("excerpt"), str) and source["excerpt"].strip()
    ]


def excerpt_quotes(raw: Any) -> list[tuple[Loc, str]]:
    """The structured excerpts' quotes (``excerpts: [{quote, locator}]``) of the main source
    and every comparison source: a source's exact words, written without quotation marks."""
    places: list[tuple[Loc, Any]] = [(("source",), get(raw, "source"))]
    places += [(("sources", i), source) for i, source in dicts(get(raw, "sources"))]
    return [
        ((*loc, "excerpts", k, "quote"), excerpt["quote"])
        for loc, source in places
        for k, excerpt in dicts(get(source, "excerpts"))
        if isinstance(excerpt.get("quote"), str) and excerpt["quote"].strip()
    ]


def _quotable(data: LintInput) -> str:
    """Everything a quotation may come from, normalised, joined by a separator."""
    texts = [data.document]
    texts += [q for _, e in excerpts(data.raw) for q in t.reference_quotations(e)]
    texts += [q for _, q in excerpt_quotes(data.raw)]
    texts += [q for ref in data.config.references for q in t.reference_quotations(ref.text)]
    texts += [s for _, s in _strings_under(data.raw, {"citation", "term", "aliases", "label"})]
    texts += [s for _, s in _strings_under(get(data.raw, "steps"), {"title"})]
    return " ¦ ".join(t.normalise(x) for x in texts)


def _strings_under(value: Any, keys: set[str], inside: bool = False) -> Iterator[tuple[Any, str]]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _strings_under(child, keys, inside or key in keys)
    elif isinstance(value, list):
        for child in value:
            yield from _strings_under(child, keys, inside)
    elif isinstance(value, str) and inside:
        yield None, value


def check_quotations(data: LintInput) -> list[RawFinding]:
    corpus = _quotable(data)
    found = []
    for loc, text in prose(data.raw):
        for piece in t.quotations(text):
            missing = [p for p in t.quoted_parts(piece.text) if t.normalise(p) not in corpus]
            if missing:
                found.append(
                    RawFinding(
                        "quotation",
                        loc,
                        f'"{_short(piece.text)}" is not the exact words of the document, an '
                        "excerpt or a quotation in a reference text: quote exactly, or drop "
                        "the quotation marks and say it in our own words",
                        piece.start,
                    )
                )
    return found


def check_excerpts(data: LintInput) -> list[RawFinding]:
    """Only for a package that names reference texts: without them there is nothing to check
    an excerpt against."""
    if not data.config.references:
        return []
    corpus = " ¦ ".join(
        t.normalise(q)
        for q in [data.document]
        + [q for ref in data.config.references for q in t.reference_quotations(ref.text)]
    )
    found = []
    for loc, quote in excerpt_quotes(data.raw):
        if any(t.normalise(p) not in corpus for p in t.quoted_parts(quote)):
            found.append(
                RawFinding(
                    "excerpt",
                    loc,
                    f'"{_short(quote)}" is not word for word a quotation in a reference text',
                )
            )
    for loc, excerpt in excerpts(data.raw):
        pieces = t.quotations(excerpt)
        if not pieces:
            found.append(
                RawFinding("excerpt", loc, "an excerpt quotes its source in quotation marks")
            )
        for piece in pieces:
            if any(t.normalise(p) not in corpus for p in t.quoted_parts(piece.text)):
                found.append(
                    RawFinding(
                        "excerpt",
                        loc,
                        f'"{_short(piece.text)}" is not word for word a quotation in a '
                        "reference text",
                        piece.start,
                    )
                )
    return found


def states_a_fact(paragraph: str, names: tuple[str, ...]) -> str | None:
    """What makes ``paragraph`` a factual claim (a year, a number, a named source), or None.

    The heuristic, documented for authors: sentence ids (``s12``), numbered parts, steps,
    items and minutes, ordinals (``366th``), code, list and table numbering do not count as
    numbers."""
    plain = _NOT_A_FACT_NUMBER.sub(" ", t.without_citations(paragraph))
    if match := _YEAR.search(plain):
        return f"the year {match.group()}"
    if match := _NUMBER.search(plain):
        return f"the number {match.group().rstrip(',.')}"
    for name in names:
        if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", plain):
            return f"the source {name}"
    return None


def check_citations(data: LintInput) -> list[RawFinding]:
    """Words quoted from the document under study are its claims, not the lesson's: they are
    left out before deciding whether a paragraph states a fact."""
    document = t.normalise(data.document)
    found = []
    for loc, text in prose(data.raw):
        if loc[0] not in _CLAIM_SECTIONS or _field(loc) in _NO_CLAIM:
            continue
        for paragraph in t.paragraphs(text):
            if t.has_citation(paragraph.text) or paragraph.text.lstrip().startswith("#"):
                continue  # cited, or a Markdown heading (it names a topic, states nothing)
            claims = paragraph.text
            for piece in t.quotations(paragraph.text):
                if t.normalise(piece.text) in document:
                    claims = claims.replace(f'"{piece.text}"', " ").replace(f"“{piece.text}”", " ")
            reason = states_a_fact(claims, data.config.named_sources)
            if reason:
                found.append(
                    RawFinding(
                        "citation",
                        loc,
                        f'"{_short(paragraph.text.strip(), 60)}" states a fact ({reason}) '
                        "but cites no source: add [@id]",
                        paragraph.start,
                    )
                )
    return found


def copy_corpus(data: LintInput) -> dict[tuple[str, ...], str]:
    """Every (RUN+1)-word window of the reference texts and excerpts, with where it is from."""
    windows: dict[tuple[str, ...], str] = {}
    named = [(ref.name, ref.text) for ref in data.config.references]
    named += [(f"the excerpt of {'.'.join(map(str, loc[:2]))}", e) for loc, e in excerpts(data.raw)]
    # Not the main source's excerpts: they are the document's words, which questions may copy.
    named += [
        (f"the excerpt at {'.'.join(map(str, loc))}", q)
        for loc, q in excerpt_quotes(data.raw)
        if loc[0] == "sources"
    ]
    for name, text in named:
        for window in t.ngrams(t.words(text), RUN + 1):
            windows.setdefault(window, name)
    return windows


def check_copies(data: LintInput) -> list[RawFinding]:
    windows = copy_corpus(data)
    known = set(windows)
    found = []
    for loc, text in prose(data.raw):
        for run in t.shared_runs(text, known, RUN + 1):
            where = windows[run.words[: RUN + 1]]
            found.append(
                RawFinding(
                    "copy",
                    loc,
                    f"{len(run.words)} words in a row as in {where}: "
                    f'"{" ".join(run.words)}": say it in our own words, or quote it exactly',
                    run.start,
                )
            )
    return found


_CARD_FIELDS = (
    "title", "author", "publisher", "date", "type", "perspective", "audience", "url",
    "citation", "known", "unknown", "summary", "excerpt", "excerpts",
)  # fmt: skip


def check_source_cards(data: LintInput) -> list[RawFinding]:
    cards = dicts(get(data.raw, "sources"))
    filled = {i: {f for f in _CARD_FIELDS if _filled(card.get(f))} for i, card in cards}
    union = set().union(*filled.values()) if filled else set()
    found = []
    for i, card in cards:
        for field in [f for f in _CARD_FIELDS if f in union - filled[i]]:
            others = sum(1 for fields in filled.values() if field in fields)
            found.append(
                RawFinding(
                    "source-card",
                    ("sources", i),
                    f"source '{card.get('id')}' leaves '{field}' empty, which {others} of "
                    f"{len(cards)} source cards fill: give every card the same fields",
                )
            )
    return found


def _filled(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):
        return any(_filled(v) for v in value)
    return value is not None


def check_explained(data: LintInput) -> list[RawFinding]:
    found = []
    for loc, question in raw_questions(data.raw):
        spec = question.get("spec") if isinstance(question.get("spec"), dict) else {}
        if question.get("type") == "classify":
            for j, item in dicts(spec.get("items")):
                if not _filled(item.get("explanation")) and not _filled(item.get("feedback")):
                    found.append(
                        RawFinding(
                            "explained",
                            (*loc, "spec", "items", j),
                            f"item '{item.get('id')}' of '{question.get('id')}' has no "
                            "explanation: say why it belongs in its category",
                        )
                    )
        if question.get("type") == "matrix":
            cells = spec.get("cells") if isinstance(spec.get("cells"), dict) else {}
            for row, columns in cells.items():
                for column, cell in (columns if isinstance(columns, dict) else {}).items():
                    if not isinstance(cell, dict) or not _filled(cell.get("explanation")):
                        found.append(
                            RawFinding(
                                "explained",
                                (*loc, "spec", "cells", row, column),
                                f"cell {row}/{column} of '{question.get('id')}' has no "
                                "explanation: say why it has its category",
                            )
                        )
    return found


def check_forbidden(data: LintInput) -> list[RawFinding]:
    found = []
    for loc, text in _all_strings(data.raw, ()):
        lowered = text.lower()
        for rule in data.config.forbidden:
            at = lowered.find(rule.phrase.lower())
            if at >= 0:
                found.append(RawFinding("forbidden", loc, f'"{rule.phrase}": {rule.reason}', at))
    return found


def _all_strings(value: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _all_strings(child, (*loc, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _all_strings(child, (*loc, index))
    elif isinstance(value, str):
        yield loc, value


def _last_key(loc: Loc) -> str:
    return next((part for part in reversed(loc) if isinstance(part, str)), "")


def _field(loc: Loc) -> str:
    """The field a text belongs to: for a text at a reading level (``prompt.simpler``), the
    field written at two levels (``prompt``)."""
    keys = [part for part in loc if isinstance(part, str)]
    if len(keys) > 1 and keys[-1] in _LEVELS:
        return keys[-2]
    return keys[-1] if keys else ""


def _short(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


RULES = (
    check_quotations,
    check_excerpts,
    check_citations,
    check_copies,
    check_source_cards,
    check_explained,
    check_forbidden,
)
