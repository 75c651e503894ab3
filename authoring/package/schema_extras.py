"""The optional parts of ``lesson.yaml`` added for longer lessons (docs/lesson-format.md):
prose at two reading levels, class periods (``parts``), source excerpts, figures and a
timeline. Structure only, as in ``schema.py``; what needs the whole package (does a figure's
file exist? does a part name a step that exists?) is checked in ``extras.py``."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Discriminator, Field, Tag

from authoring.package import limits
from core.levels import LEVELS, Levels

__all__ = ["LEVELS", "Levels"]  # the shape of a leveled text is core's (core/levels.py)
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z")
_FIGURE_FILE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_./-]*\.(svg|png)\Z")
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
# A BCP 47 language tag as HTML's `lang` takes it: a language, then optional subtags
# ("hy", "az-Latn", "ru", "en-GB").
_LANG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\Z")
MAX_ID = 80  # lessons.Figure.key
MAX_URL = 500  # as a source's url


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


def _sortable_date(value: str) -> str:
    """``1992``, ``1992-02`` or ``1992-02-26``: text that sorts in time order, and a real date."""
    match = _PARTIAL_DATE.match(value)
    if not match:
        raise ValueError(
            f"{value!r} is not a date written YYYY, YYYY-MM or YYYY-MM-DD (e.g. '1992-02-26')"
        )
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        date(year, month, day)
    except ValueError:
        raise ValueError(f"{value!r} is not a real date") from None
    return value


def is_figure_file(value: str) -> bool:
    """A .svg or .png path that stays inside the package folder."""
    return bool(_FIGURE_FILE.match(value)) and ".." not in value.split("/")


def _figure_file(value: str) -> str:
    if not is_figure_file(value):
        raise ValueError(
            f"{value!r} is not a figure file: a .svg or .png file inside the package folder "
            "(letters, digits, '-', '_', '.', '/')"
        )
    return value


def _web_url(value: str) -> str:
    if not value.startswith(("https://", "http://")) or len(value) > MAX_URL:
        raise ValueError(
            f"{value[:60]!r} is not a web address "
            f"(http:// or https://, at most {MAX_URL} characters)"
        )
    return value


# A link students may follow: only a web address, so that no `javascript:` or `data:` address
# written in a package ever reaches an href.
WebUrl = Annotated[str, AfterValidator(_web_url)]


def _figure_id(value: str) -> str:
    if len(value) > MAX_ID:
        raise ValueError(f"an id has at most {MAX_ID} characters")
    if not _ID.match(value):
        raise ValueError(
            f"{value!r} is not a valid id: use lowercase letters and digits, joined by hyphens"
        )
    return value


Text = Annotated[str, AfterValidator(_not_blank)]
Markdown = Annotated[str, AfterValidator(_not_blank)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


def _level_tag(value: Any) -> str:
    return "levels" if isinstance(value, dict) else "text"


# A prose field that may be written at two reading levels: a text, or {standard, simpler}.
# Tagged, so that a mistake is reported once, against the form the author chose.
Leveled = Annotated[
    Annotated[Markdown, Tag("text")] | Annotated[Levels, Tag("levels")],
    Discriminator(_level_tag),
]


def standard_text(value: str | Levels | None) -> str | None:
    return value.standard if isinstance(value, Levels) else value


def simpler_text(value: str | Levels | None) -> str | None:
    return value.simpler if isinstance(value, Levels) else None


def _lang_tag(value: str) -> str:
    if not _LANG.match(value):
        raise ValueError(
            f"{value!r} is not a language tag: a language code such as 'hy', 'az', 'ru' or "
            "'en', optionally with subtags ('az-Latn')"
        )
    return value


LangTag = Annotated[str, AfterValidator(_lang_tag)]


class Name(Model):
    """One form of a glossary term's name in one language (a place's names in each community's
    language): shown with its language marked, so it is read and pronounced as that language."""

    lang: LangTag
    name: Text  # as written in that language's script
    latin: Text | None = None  # a Latin-letter spelling of a name in another script
    note: Text | None = None  # plain text: "from 2001", "Armenian name, English spelling"


class Part(Model):
    """A class period: some of the lesson's steps, in order."""

    title: Text
    summary: Markdown | None = None
    steps: Annotated[list[str], Field(min_length=1)]


class Excerpt(Model):
    """The exact words of a source, so students check claims against the source itself."""

    quote: Text  # shown inside quotation marks by the page: write none
    locator: Text  # where in the source: "p. 12", "section 3", "00:14:20"
    url: WebUrl | None = None


class Figure(Model):
    id: Annotated[str, AfterValidator(_figure_id)]
    file: Annotated[str, AfterValidator(_figure_file)]
    alt: Text  # plain text: what the figure shows, for those who cannot see it
    caption: Markdown
    credit: Markdown  # who made it and from what, with citations
    long_description: Markdown | None = None  # a map or chart's content in words


class TimelineEvent(Model):
    date: Annotated[str, AfterValidator(_sortable_date)]
    label: Text | None = None  # the date as shown ("Night of 25-26 February 1992"); default date
    title: Text | None = None
    text: Markdown  # must cite its sources [@id]
    tags: Annotated[list[Text], Field(max_length=limits.TIMELINE_TAGS)] = []
