"""The main document as a student reads it: paragraphs of numbered sentences, with glossary
terms marked. Pure functions over rows already loaded (no database, no HTML): the template
turns segments into markup.

Terms are matched case-insensitively as whole words. Where terms overlap ("Nagorno-Karabakh"
and "Nagorno-Karabakh Autonomous Oblast") the longest match wins, and matches never overlap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import get_language_info

from .markdown import CITATION, render_markdown

_CITATION_WITH_SPACE = re.compile(r"\s*" + CITATION.pattern)


@dataclass(frozen=True)
class NameView:
    """One form of a term's name, with what the page needs to mark its language."""

    lang: str  # the `lang` attribute of the name ("hy")
    language: str  # the language's name in the reader's language ("Armenian"), or the tag
    name: str
    latin: str = ""  # a Latin-letter spelling, marked `{lang}-Latn`
    note: str = ""

    @property
    def latin_lang(self) -> str:
        return f"{self.lang.split('-')[0]}-Latn"


@dataclass(frozen=True)
class GlossaryEntry:
    anchor: str  # the id of its <dt>, linked from every marked occurrence
    term: str
    definition: str  # Markdown
    plain: str  # the definition as plain text, for a tooltip
    names: tuple[NameView, ...] = ()


def language_name(tag: str) -> str:
    """The name of the language of a tag, in the reader's language, as Django ships it; the
    tag itself for a language Django does not know."""
    try:
        return str(get_language_info(tag.split("-")[0].lower())["name_translated"])
    except KeyError:
        return tag


def name_views(names: Iterable) -> tuple[NameView, ...]:
    """A glossary row's stored names ([{lang, name, latin, note}]), read, never trusted."""
    views = []
    for name in names or ():
        if isinstance(name, dict) and name.get("lang") and name.get("name"):
            views.append(
                NameView(
                    lang=str(name["lang"]),
                    language=language_name(str(name["lang"])),
                    name=str(name["name"]),
                    latin=str(name.get("latin") or ""),
                    note=str(name.get("note") or ""),
                )
            )
    return tuple(views)


@dataclass(frozen=True)
class Segment:
    text: str
    term: GlossaryEntry | None = None


@dataclass(frozen=True)
class SentenceView:
    key: str  # "s3": the sentence's id in the page and in question specs
    number: int
    segments: tuple[Segment, ...]
    space_after: str


def glossary_entries(terms: Iterable) -> list[GlossaryEntry]:
    """GlossaryTerm rows (in order) as entries with unique anchors."""
    entries: list[GlossaryEntry] = []
    taken: set[str] = set()
    for position, row in enumerate(terms):
        anchor = f"term-{slugify(row.term) or position}"
        if anchor in taken:
            anchor = f"{anchor}-{position}"
        taken.add(anchor)
        # A tooltip cannot link to the reference list: citations are left out of it.
        definition = _CITATION_WITH_SPACE.sub("", row.definition)
        plain = " ".join(strip_tags(render_markdown(definition)).split())
        names = name_views(getattr(row, "names", ()))
        entries.append(GlossaryEntry(anchor, row.term, row.definition, plain, names))
    return entries


def term_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for every term and alias, longest first so that the longest one wins where
    several start at the same place. Whole words only: "CIS" never matches inside "decisive"."""
    unique = {name.strip() for name in names if name and name.strip()}
    if not unique:
        return None
    ordered = sorted(unique, key=lambda name: (-len(name), name))
    # A line break or a double space inside a term in the text still matches it.
    alternatives = "|".join(r"\s+".join(map(re.escape, name.split())) for name in ordered)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def mark_terms(
    text: str, pattern: re.Pattern[str] | None, lookup: dict[str, GlossaryEntry]
) -> tuple[Segment, ...]:
    """`text` cut into plain segments and glossary-term segments, in order."""
    if pattern is None:
        return (Segment(text),)
    segments: list[Segment] = []
    cursor = 0
    for match in pattern.finditer(text):
        start, end = match.span()
        if start > cursor:
            segments.append(Segment(text[cursor:start]))
        # .get: a match whose case folding differs from the term's (rare scripts) stays plain.
        segments.append(Segment(match.group(0), lookup.get(_key(match.group(0)))))
        cursor = end
    if cursor < len(text) or not segments:
        segments.append(Segment(text[cursor:]))
    return tuple(segments)


def document_paragraphs(
    sentences: Sequence, glossary: Sequence, entries: Sequence[GlossaryEntry] | None = None
) -> list[list[SentenceView]]:
    """Sentence rows (in order) grouped by paragraph, each cut into segments.

    `glossary` holds the GlossaryTerm rows (term and aliases); `entries` their views, in the same
    order (computed from `glossary` when not given)."""
    entries = list(entries) if entries is not None else glossary_entries(glossary)
    lookup: dict[str, GlossaryEntry] = {}
    for row, entry in zip(glossary, entries, strict=True):
        for name in (row.term, *row.aliases):
            lookup.setdefault(_key(name), entry)
    pattern = term_pattern(name for row in glossary for name in (row.term, *row.aliases))
    paragraphs: list[list[SentenceView]] = []
    current: int | None = None
    for number, sentence in enumerate(sentences, start=1):
        if sentence.paragraph != current or not paragraphs:
            paragraphs.append([])
            current = sentence.paragraph
        paragraphs[-1].append(
            SentenceView(
                key=sentence.key,
                number=number,
                segments=mark_terms(sentence.text, pattern, lookup),
                space_after=sentence.space_after,
            )
        )
    return paragraphs


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()
