from django import template

from core.dates import when_in_words
from lessons.markdown import number_citations, render_markdown, render_markdown_inline

register = template.Library()


@register.filter
def markdown(text: str):
    """Render author Markdown through the sanitiser. No database access."""
    return render_markdown(text or "")


@register.filter
def markdown_inline(text: str):
    """A short text (a choice, an item, a label) rendered as phrasing HTML: it fits in a
    `<label>` or a `<th>`. Pipe it to `striptags` where only text may go (an `<option>`)."""
    return render_markdown_inline(str(text or ""))


@register.filter(is_safe=True)
def numbered_citations(html: str, keys=None):
    """Number the citations of a rendered page (``{% filter numbered_citations %}``): by the
    page's own reference list, or by ``keys`` (the lesson's citable ids in list order) where
    a fragment has no list of its own."""
    return number_citations(html, keys or None)


@register.filter
def when_words(when):
    """A date and time as people say them ("Friday, 23:59"), in the active time zone."""
    return when_in_words(when) if when else ""
