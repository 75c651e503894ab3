"""HTML rendered once per distinct input and kept in Django's cache (Redis in production,
shared by every app server): a template's output that depends only on data the caller names.

A `Fragment` names what its HTML depends on besides the template and the language; the key is
a digest of all of that and of the templates as deployed, so an entry is never stale: another
input, another language or a changed template after a deploy is another key. Entries expire
only to free memory. Each process keeps the entries it read last (`core.local_cache`); one
round trip reads the rest of a page's entries. Users: the answer controls and the
result page's feedback (`quizzes.controls`), a lesson's reference list
(`lessons.selectors.lesson_references_html`), and the empty forms of the pages every student
opens at the bell (the login page, the dashboard's class code: `form_fragment`)."""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache as memoize
from importlib.metadata import version
from pathlib import Path
from typing import Any

import orjson
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from core.local_cache import LocalCache

TIMEOUT = 24 * 60 * 60  # memory only: the key, not the time, decides what is current
# The filters the templates call shape the HTML as much as the templates do.
FILTERS = ("lessons/markdown.py", "lessons/templatetags/sourcelab.py")


@memoize
def templates_digest() -> str:
    """The templates as deployed and the filters they call: a change is a new key after a
    deploy. Read once per process, as the cached template loader reads them."""
    base = Path(settings.BASE_DIR)
    digest = hashlib.blake2b(digest_size=8)
    for path in (*sorted((base / "templates").rglob("*.html")), *(base / f for f in FILTERS)):
        digest.update(str(path.relative_to(base)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class Fragment:
    """`template` rendered with `context`, whose HTML depends on nothing but `inputs` (JSON
    data), the template (with what it includes) and the language. A context that costs queries
    is given as a function, called only when the cache does not hold the HTML."""

    template: str
    context: dict[str, Any] | Callable[[], dict[str, Any]]
    inputs: Any


# orjson: a quiz page computes a key per item, and the inputs hold each item's spec and prompt;
# the standard library's encoder took 6% of the page's time, orjson a tenth of that.
_ORJSON = orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS


def _encoded(inputs: Any) -> bytes:
    """The inputs as JSON, for the digest. What orjson refuses (an integer beyond 64 bits)
    goes through the standard library instead: another key, never an error. (orjson writes
    NaN as null; no input holds one: specs and answers refuse it.)"""
    try:
        return orjson.dumps(inputs, default=str, option=_ORJSON)
    except orjson.JSONEncodeError:
        return json.dumps(inputs, sort_keys=True, default=str).encode()


def _key(fragment: Fragment) -> str:
    digest = hashlib.blake2b(_encoded([fragment.template, fragment.inputs]), digest_size=16)
    return f"html:{templates_digest()}:{translation.get_language()}:{digest.hexdigest()}"


# The entries this process read last, in front of the shared cache: a page's fragments are
# mostly the ones the page before it showed (the same items, most answers unchanged).
_LOCAL = LocalCache(max_entries=4096)


def fragments_render(fragments: list[Fragment]) -> list[SafeString]:
    """Each fragment's HTML, in order: from this process or the cache where it holds the same
    input (one round trip for all that this process lacks), rendered and stored otherwise."""
    keys = [_key(fragment) for fragment in fragments]
    found = {key: html for key in keys if (html := _LOCAL.get(key)) is not None}
    if len(found) < len(keys):
        fetched = cache.get_many([key for key in keys if key not in found])
        for key, html in fetched.items():
            _LOCAL.set(key, html)
        found.update(fetched)
    missing = {}
    shown = []
    for key, fragment in zip(keys, fragments, strict=True):
        html = found.get(key)
        if html is None:
            context = fragment.context() if callable(fragment.context) else fragment.context
            html = missing[key] = found[key] = render_to_string(fragment.template, context)
        shown.append(mark_safe(html))  # noqa: S308 - rendered by the escaping template
    if missing:
        cache.set_many(missing, TIMEOUT)
        for key, html in missing.items():
            _LOCAL.set(key, html)
    return shown


def _field_shape(name: str, field) -> list:
    widget = field.widget
    return [
        name,
        str(field.label),
        str(field.help_text),
        field.required,
        field.disabled,
        f"{type(widget).__module__}.{type(widget).__qualname__}",
        widget.attrs,
        field.initial,
        [[str(value), str(label)] for value, label in getattr(field, "choices", ())],
    ]


def form_fragment(form) -> Fragment | None:
    """An unbound form's fields as crispy-forms draws them (`templates/core/_form_fields.html`),
    keyed by everything its HTML shows: each field's label, help, widget and attributes, and
    crispy-forms' template pack and versions, whose templates are not ours. None for a bound
    form (its values and errors are the student's) or one with an initial value computed at
    each request: those are drawn afresh. For small forms of fixed fields: a field's choices
    are read to make the key (a query each time, for choices from the database)."""
    fields = form.fields.items()
    initials = [field.initial for _name, field in fields] + list(form.initial.values())
    if form.is_bound or any(callable(value) for value in initials):
        return None
    return Fragment(
        "core/_form_fields.html",
        {"form": form},
        [
            f"{type(form).__module__}.{type(form).__qualname__}",
            form.prefix,
            form.auto_id,
            form.initial,
            [_field_shape(name, field) for name, field in fields],
            _crispy_versions(),
        ],
    )


@memoize
def _crispy_versions() -> tuple[str, ...]:
    pack = getattr(settings, "CRISPY_TEMPLATE_PACK", "")
    return (pack, version("django-crispy-forms"), version("crispy-bootstrap5"))
