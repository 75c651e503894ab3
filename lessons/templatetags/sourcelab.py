from django import template
from django.conf import settings
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.dates import when_in_words
from lessons.markdown import number_citations, render_markdown, render_markdown_inline

register = template.Library()


def _as_content(html, tag: str):
    """In the tests' pseudo-locale only (docs/translation.md), lesson content is wrapped in
    `data-content`, so the check for untranslated interface text can leave it aside; every
    other language gets the HTML unchanged."""
    pseudo = getattr(settings, "PSEUDO_LANGUAGE", None)
    if pseudo is None or get_language() != pseudo:
        return html
    return format_html("<{} data-content>{}</{}>", tag, html, tag)


@register.filter
def markdown(text: str):
    """Render author Markdown through the sanitiser. No database access.

    Lesson content: the interface's translations leave it as the author wrote it."""
    return _as_content(render_markdown(text or ""), "div")


@register.filter
def markdown_inline(text: str):
    """A short text (a choice, an item, a label) rendered as phrasing HTML: it fits in a
    `<label>` or a `<th>`. Pipe it to `striptags` where only text may go (an `<option>`)."""
    return _as_content(render_markdown_inline(str(text or "")), "span")


@register.filter(is_safe=True)
def numbered_citations(html: str, keys=None):
    """Number the citations of a rendered page (``{% filter numbered_citations %}``): by the
    page's own reference list, or by ``keys`` (the lesson's citable ids in list order) where
    a fragment has no list of its own."""
    return number_citations(html, keys or None)


@register.filter(is_safe=True)
def citations_to(html: str, url: str):
    """Point a fragment's numbered citations at the reference list of another page (`url`),
    for a fragment swapped into a page that lists only some of the works."""
    return mark_safe(str(html).replace('href="#ref-', f'href="{escape(url)}#ref-'))  # noqa: S308


@register.filter
def when_words(when):
    """A date and time as people say them ("Friday, 23:59"), in the active time zone."""
    return when_in_words(when) if when else ""
