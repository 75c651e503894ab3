"""An item's answer controls as HTML, rendered once per distinct input and kept in the cache.

The controls are most of a quiz page's rendering time (one template per item, with nested
includes and a loop per choice), yet they depend only on what the key below holds: the public
spec (its lists already in the order this student sees them), the prompt at the reading level
(the legend repeats it), the saved answer, whether they are disabled, the language and the
templates themselves. Without shuffling every student of a class sees the same order, so a
class shares one entry per (item, answer). The key is a digest of all of that, so an entry
is never stale: a question edited in place, a new version, another order, another answer, a
changed template or another language is another key. Entries expire only to free memory.
The cache is Django's (Redis in production, shared by every app server)."""

import hashlib
import json
from functools import cache as memoize
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from .selectors import Item

TIMEOUT = 24 * 60 * 60  # memory only: the key, not the time, decides what is current
TEMPLATES = Path(settings.BASE_DIR) / "templates" / "quizzes" / "types"


@memoize
def _templates_digest() -> str:
    """The type templates as deployed: a changed template is a new key after a deploy."""
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(TEMPLATES.glob("*.html")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _key(item: Item, disabled: bool) -> str:
    question = item.question
    content = json.dumps(
        [
            item.qtype.template,
            question.pk,
            question.version,
            question.prompt_for(item.level),
            item.spec,
            item.response,
            disabled,
        ],
        sort_keys=True,
        default=str,
    )
    digest = hashlib.blake2b(content.encode(), digest_size=16).hexdigest()
    return f"controls:{_templates_digest()}:{translation.get_language()}:{digest}"


def controls_render(items: list[Item], *, disabled: bool) -> None:
    """Set `controls_html` on every item: from the cache where it holds the same input (one
    round trip for all items), rendered and stored otherwise. A step page's activities
    (`learning.selectors.step.Activity`) have the same attributes and come here too."""
    keys = {item.number: _key(item, disabled) for item in items}
    found = cache.get_many(list(keys.values()))
    missing = {}
    for item in items:
        key = keys[item.number]
        html = found.get(key)
        if html is None:
            html = render_to_string(
                item.qtype.template,
                {
                    "question": item,
                    "spec": item.spec,
                    "response": item.response,
                    "disabled": disabled,
                },
            )
            missing[key] = html
        item.controls_html = mark_safe(html)  # noqa: S308 - rendered by the escaping template
    if missing:
        cache.set_many(missing, TIMEOUT)
