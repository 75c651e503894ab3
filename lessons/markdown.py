"""Lesson prose is Markdown written by authors; it is rendered, then sanitised with nh3 so that
no script, style or event handler from a package can reach a page."""

import re
from functools import lru_cache

import markdown as md
import nh3
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

CITATION = re.compile(r"\[@([a-z0-9][a-z0-9-]*)\]")

ALLOWED_TAGS = {
    "p", "br", "em", "strong", "b", "i", "ul", "ol", "li", "blockquote", "q", "cite",
    "a", "code", "sup", "sub", "h2", "h3", "h4", "h5", "table", "thead", "tbody", "tr", "th", "td",
    "abbr", "dl", "dt", "dd", "hr", "span",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "th": {"scope"},
    "span": {"class"},
    "sup": {"class"},
}


def _cite(match: re.Match) -> str:
    key = match.group(1)
    # A placeholder: ``number_citations`` gives it the number the page's reference list has.
    return f'<sup class="citation"><a href="#ref-{key}">[{key}]</a></sup>'


# The placeholder above, as nh3 leaves it (it adds ``rel`` to every link).
_PLACEHOLDER = re.compile(
    r'<sup class="citation"><a href="#ref-([a-z0-9-]+)"([^>]*)>\[[a-z0-9-]+\]</a></sup>'
)
_LIST_ENTRY = re.compile(r'<li id="ref-([a-z0-9-]+)"')
# How every placeholder starts: a page without it has nothing to number. A citation already
# numbered and pointed at another page (`citations_to`) no longer starts so.
PLACEHOLDER_START = '<sup class="citation"><a href="#ref-'


def number_citations(html: str, keys: list[str] | tuple[str, ...] | None = None) -> SafeString:
    """Give every citation of a rendered page its number: the position of the work it cites in
    ``keys``, or, without ``keys``, in the page's own reference list (its ``<li id="ref-…">``
    entries, in order), so a citation's number is the number the list shows beside the work.
    A work the list lacks gets the next free number, once per page. Each citation is a link to
    the entry, named for screen readers ("reference 3")."""
    order = list(keys) if keys else _LIST_ENTRY.findall(html)
    numbers: dict[str, int] = {}
    for key in order:
        numbers.setdefault(key, len(numbers) + 1)

    def numbered(match: re.Match) -> str:
        key, rest = match.group(1), match.group(2)
        number = numbers.setdefault(key, len(numbers) + 1)
        hidden = _("reference")
        return (
            f'<sup class="citation"><a href="#ref-{key}"{rest}>'
            f'[<span class="visually-hidden">{hidden} </span>{number}]</a></sup>'
        )

    return mark_safe(_PLACEHOLDER.sub(numbered, str(html)))  # noqa: S308  # our own markup


# What a short text may hold inside a label, a table heading or a legend: phrasing only.
INLINE_TAGS = {"em", "strong", "b", "i", "a", "code", "sup", "sub", "q", "cite", "abbr", "span"}
# Block syntax an inline text never means: "1. ", "- ", "# " or "> " at its start stay text.
_BLOCKS = ("indent", "code", "hashheader", "setextheader", "hr", "olist", "ulist", "quote")


@lru_cache(maxsize=4096)
def render_markdown(text: str) -> SafeString:
    """Markdown to safe HTML; `[@id]` becomes a link to the reference list entry `#ref-id`."""
    html = md.markdown(text or "", extensions=["tables"], output_format="html")
    return _clean(html, ALLOWED_TAGS)


@lru_cache(maxsize=4096)
def render_markdown_inline(text: str) -> SafeString:
    """A short text (a choice, an item to order, a category, a column) as phrasing HTML:
    emphasis, code, links and citations, never a paragraph, list or heading, so it fits in a
    `<label>`, a `<th>` or a `<legend>`. Paragraphs are joined by a line break."""
    converter = md.Markdown(output_format="html")
    for name in _BLOCKS:
        converter.parser.blockprocessors.deregister(name)
    html = converter.convert(text or "").strip()
    html = html.removeprefix("<p>").removesuffix("</p>").replace("</p>\n<p>", "<br>")
    return _clean(html, INLINE_TAGS | {"br"})


def _clean(html: str, tags: set[str]) -> SafeString:
    html = CITATION.sub(_cite, html)
    clean = nh3.clean(
        html,
        tags=tags,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    return mark_safe(clean)  # sanitised by nh3  # noqa: S308
