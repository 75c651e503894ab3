import itertools
import re
import secrets

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django import template
from django.conf import settings
from django.template.base import token_kwargs
from django.urls import get_script_prefix, get_urlconf
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import get_current_timezone
from django.utils.translation import get_language

from core.dates import when_in_words
from core.fragments import form_fragment, fragments_render
from core.local_cache import LocalCache
from lessons.markdown import (
    PLACEHOLDER_START,
    number_citations,
    render_markdown,
    render_markdown_inline,
)

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


@register.filter
def at_position(values, number):
    """The value at `number` (counted from 1) of a list, else None: an answer's order read
    by position in one step, where a loop over the whole answer per option cost n³."""
    try:
        return list(values or ())[int(number) - 1] if int(number) > 0 else None
    except (IndexError, TypeError, ValueError):
        return None


@register.filter
def value_for(mapping, key):
    """`mapping[key]` of a dict (an answer's pairs, or its category per item), else None:
    one lookup where a loop over the whole answer per option cost n³."""
    return mapping.get(key) if isinstance(mapping, dict) else None


@register.filter(is_safe=True)
def numbered_citations(html: str, keys=None):
    """Number the citations of a rendered page (``{% filter numbered_citations %}``): by the
    page's own reference list, or by ``keys`` (the lesson's citable ids in list order) where
    a fragment has no list of its own. A page without a citation to number is returned as it
    is (every page passes through this filter in base.html; most have none, and a step page's
    were numbered by its own filter)."""
    if PLACEHOLDER_START not in html:
        return html
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


# {% memo %}: the page frame's parts that are the same for every request with the same values
# (navigation, language menu, static links), rendered once per process instead of per request.
# Kept in this process's memory (core.local_cache), not the shared cache: a Redis round trip
# would cost about what rendering them does.
_MEMO = LocalCache(max_entries=4096)
_memo_ids = itertools.count()
# Stands for a hole's value while the body renders once: letters and digits only, so that
# escaping leaves it as it is; random per process, so no value can contain another's; ended
# by "e", so that no stand-in begins another (hole 1 and hole 10).
_HOLE_TOKEN = secrets.token_hex(8)


class MemoNode(template.Node):
    def __init__(self, nodelist, vary, holes):
        self.nodelist, self.vary, self.holes = nodelist, vary, holes
        self.id = next(_memo_ids)  # a template parsed again (development) gets new entries
        self.stand_ins = {
            name: f"memohole{_HOLE_TOKEN}{self.id}x{n}e" for n, name in enumerate(holes)
        }
        self.by_stand_in = {stand_in: name for name, stand_in in self.stand_ins.items()}
        self.pattern = re.compile("|".join(self.by_stand_in)) if holes else None

    def render(self, context):
        # What every memo of the page varies by, looked up once per render (four thread-local
        # reads; a page has a dozen memos). No template switches language or zone mid-page.
        frame = getattr(context, "_memo_frame", None)
        if frame is None:
            frame = context._memo_frame = (
                get_language(),
                get_current_timezone(),  # a date in the body is shown in it
                get_script_prefix(),
                get_urlconf(),
            )
        key = (self.id, *frame, *(str(value.resolve(context)) for value in self.vary))
        html = _MEMO.get(key)
        if html is None:
            with context.push(self.stand_ins):
                html = self.nodelist.render(context)
            _MEMO.set(key, html)
        if self.pattern is None:
            return html
        # One pass, each stand-in replaced by its value escaped as `{{ value }}` escapes it.
        values = {
            name: conditional_escape(hole.resolve(context)) for name, hole in self.holes.items()
        }
        return mark_safe(  # noqa: S308 - the body was rendered by the escaping template
            self.pattern.sub(lambda match: values[self.by_stand_in[match[0]]], html)
        )


@register.tag
def memo(parser, token):
    """``{% memo value… [fill name=value…] %}…{% endmemo %}``: the body rendered once per
    process for each combination of the values, the active language and time zone, the URL
    prefix and URLconf, then reused. The body must depend on nothing else: never a CSRF token,
    a user's name, the request's path or anything read from the database inside it (pass what
    it reads as a value), except through ``fill``: each name after it is a hole, the body
    rendered with a stand-in for it (``{{ name }}``, ``{% csrf_token %}`` for ``csrf_token``)
    and the request's own value, escaped, put in its place each time. Only as ``{{ name }}``
    or a tag that escapes it: a hole used in an ``{% if %}`` or a filter would see the
    stand-in."""
    bits = token.split_contents()[1:]
    holes = {}
    if "fill" in bits:
        at = bits.index("fill")
        fill = bits[at + 1 :]
        holes = token_kwargs(fill, parser)
        if fill or not holes:
            raise template.TemplateSyntaxError("memo: fill takes name=value pairs")
        bits = bits[:at]
    vary = [parser.compile_filter(bit) for bit in bits]
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    return MemoNode(nodelist, vary, holes)


@register.filter
def form_fields(form):
    """`form|crispy`, an empty form's HTML from the cache: crispy-forms takes milliseconds to
    draw a field, on the login page and the dashboard every student opens at once."""
    fragment = form_fragment(form)
    if fragment is None:
        return as_crispy_form(form)
    return fragments_render([fragment])[0]
