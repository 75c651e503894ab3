"""Ids and citations: every name a part of the package is known by is unique, and every
``[@id]`` in any text of the package cites a reference or comparison source that exists."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from authoring.package.errors import Loc
from authoring.package.findings import Findings, did_you_mean
from authoring.package.rawtree import as_text, dicts, enumerated, get, raw_questions, strings

# ``[@hrw-1992]``. Anything up to the closing bracket is taken as the id, so a misspelt or
# malformed citation (``[@a; @b]``) is reported rather than left on the page as text.
CITATION = re.compile(r"\[@([^\]]*)\]")


def check_citable_ids(raw: Any, findings: Findings) -> frozenset[str]:
    """Reference and comparison-source ids share one namespace: both are cited ``[@id]``.
    Returns every such id."""
    places = [
        (("references", i, "id"), item.get("id")) for i, item in dicts(get(raw, "references"))
    ] + [(("sources", i, "id"), item.get("id")) for i, item in dicts(get(raw, "sources"))]
    return unique(findings, places, "id")


def check_question_ids(raw: Any, findings: Findings) -> None:
    unique(findings, [((*loc, "id"), q.get("id")) for loc, q in raw_questions(raw)], "question id")


def check_glossary(raw: Any, findings: Findings) -> None:
    places: list[tuple[Loc, Any]] = []
    for i, entry in dicts(get(raw, "glossary")):
        places.append((("glossary", i, "term"), entry.get("term")))
        places.extend(
            (("glossary", i, "aliases", k), alias) for k, alias in enumerated(entry.get("aliases"))
        )
    # "CIS" and "cis" would mark the same words in the document.
    unique(findings, places, "glossary term", fold=str.casefold)


def unique(
    findings: Findings,
    places: list[tuple[Loc, Any]],
    what: str,
    *,
    fold: Callable[[str], str] | None = None,
) -> frozenset[str]:
    """Report every string value already seen earlier in ``places``; return all of them."""
    first: dict[str, Loc] = {}
    values: set[str] = set()
    for loc, raw in places:
        value = as_text(raw)
        if value is None:
            continue
        values.add(value)
        key = fold(value) if fold else value
        if key in first:
            line = findings.lines.line_of(first[key])
            findings.error(loc, f"duplicate {what} '{value}' (first on line {line})")
        else:
            first[key] = loc
    return frozenset(values)


def check_citations(raw: Any, findings: Findings, citable: frozenset[str]) -> None:
    known = ", ".join(sorted(citable)) or "none: add references or sources"
    for loc, text in strings(raw, ()):
        for match in CITATION.finditer(text):
            cited = match.group(1)
            if cited not in citable:
                line = findings.lines.line_in_text(loc, match.start(), text)
                hint = did_you_mean(cited, citable)
                findings.error(
                    loc, f"cites unknown reference '{cited}'{hint} (known: {known})", line=line
                )
