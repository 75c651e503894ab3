"""HTML rendered once per distinct input and kept in the cache: an item's answer controls (the
quiz page, the step page's activities, the result page's "Your answer") and, on the result
page, the feedback on each answer.

The controls are most of a quiz page's rendering time (one template per item, with nested
includes and a loop per choice), yet they depend only on what their key holds: the public
spec (its lists already in the order this student sees them), the prompt at the reading level
(the legend repeats it), the saved answer, whether they are disabled, the language and the
templates themselves. Without shuffling every student of a class sees the same order, so a
class shares one entry per (item, answer). A `Fragment` names what its HTML depends on besides
the template and the language; the key is a digest of all of that, so an entry is never
stale: a question edited in place, a new version, another order, another answer, a changed
template or another language is another key. Entries expire only to free memory. The cache
is Django's (Redis in production, shared by every app server); one round trip reads a page's
entries."""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache as memoize
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from lessons import markdown
from lessons.templatetags import sourcelab

from .selectors import Item

TIMEOUT = 24 * 60 * 60  # memory only: the key, not the time, decides what is current
TEMPLATES = Path(settings.BASE_DIR) / "templates"
# The filters the templates call: their code shapes the HTML as much as the templates do.
FILTERS = (Path(markdown.__file__), Path(sourcelab.__file__))


@memoize
def _templates_digest() -> str:
    """The templates as deployed and the filters they call: a change is a new key after a
    deploy."""
    digest = hashlib.blake2b(digest_size=8)
    for path in (*sorted(TEMPLATES.rglob("*.html")), *FILTERS):
        digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
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


def _key(fragment: Fragment) -> str:
    content = json.dumps([fragment.template, fragment.inputs], sort_keys=True, default=str)
    digest = hashlib.blake2b(content.encode(), digest_size=16).hexdigest()
    return f"html:{_templates_digest()}:{translation.get_language()}:{digest}"


def fragments_render(fragments: list[Fragment]) -> list[SafeString]:
    """Each fragment's HTML, in order: from the cache where it holds the same input (one round
    trip for all), rendered and stored otherwise."""
    keys = [_key(fragment) for fragment in fragments]
    found = cache.get_many(keys)
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
    return shown


def controls_fragment(item: Item, *, disabled: bool) -> Fragment:
    """An item's answer controls (its type's template): the legend repeats the prompt."""
    question = item.question
    return Fragment(
        item.qtype.template,
        {"question": item, "spec": item.spec, "response": item.response, "disabled": disabled},
        [
            question.pk,
            question.version,
            question.prompt_for(item.level),
            item.spec,
            item.response,
            disabled,
        ],
    )


def controls_render(items: list[Item], *, disabled: bool) -> None:
    """Set `controls_html` on every item. A step page's activities
    (`learning.selectors.step.Activity`) have the same attributes and come here too."""
    shown = fragments_render([controls_fragment(item, disabled=disabled) for item in items])
    for item, html in zip(items, shown, strict=True):
        item.controls_html = html
