"""What a load-test student reads off a page, and the answers it builds from the quiz page.

The pages are parsed with lxml (libxml2's HTML parser), not `html.parser`: the load generator
shares the machine with the server it measures, and reading the pages with the pure-Python
parser took about a third of locust's CPU. Nothing here imports locust or gevent,
so the tests can read the app's own pages with it."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

import lxml.html

CONTROL_NAME = re.compile(r"^q(\d+)-")
WORDS = ("memorial", "testimony", "propaganda", "report", "witness", "archive", "commemoration")


@dataclass
class Control:
    name: str
    kind: str  # radio, checkbox, text, textarea, select
    values: list[str] = field(default_factory=list)


@dataclass
class PageScan:
    """The CSRF token, the item ids in page order, and each item's controls by name."""

    csrf: str = ""
    items: list[int] = field(default_factory=list)
    controls: dict[int, dict[str, Control]] = field(default_factory=dict)

    def control(self, name: str, kind: str) -> Control | None:
        match = CONTROL_NAME.match(name)
        if match is None:
            return None
        by_name = self.controls.setdefault(int(match.group(1)), {})
        return by_name.setdefault(name, Control(name, kind))


def scan(html: str) -> PageScan:
    """Read a page's form fields in document order, as a browser would submit them."""
    page = PageScan()
    for element in lxml.html.document_fromstring(html).iter("input", "textarea", "select"):
        name = element.get("name") or ""
        if element.tag == "input":
            kind = (element.get("type") or "text").lower()
            if name == "csrfmiddlewaretoken":
                page.csrf = element.get("value") or ""
            elif name == "items" and kind == "hidden":
                page.items.append(int(element.get("value")))
            elif name and kind in ("radio", "checkbox", "text"):
                control = page.control(name, kind)
                if control is not None and kind != "text":
                    control.values.append(element.get("value") or "")
        elif element.tag == "textarea" and name:
            page.control(name, "textarea")
        elif element.tag == "select" and name:
            control = page.control(name, "select")
            if control is not None:
                control.values += [o.get("value") for o in element.iter("option") if o.get("value")]
    return page


def answer_for(controls: dict[str, Control], rng: random.Random) -> dict[str, str | list[str]]:
    """A valid answer to one item, as the form fields a browser would post.

    Radio groups get one value, checkboxes one (two for "-choices" of multiple choice, which
    has no maximum), text a word or a number; a set of selects offering exactly the positions
    1..n is an order question and gets a permutation, other selects (match) any option."""
    data: dict[str, str | list[str]] = {}
    selects = [c for c in controls.values() if c.kind == "select" and c.values]
    positions = [str(n) for n in range(1, len(selects) + 1)]
    if selects and all(sorted(c.values) == sorted(positions) for c in selects):
        for control, position in zip(selects, rng.sample(positions, len(positions)), strict=True):
            data[control.name] = position
    for control in controls.values():
        if control.name in data:
            continue
        if control.kind in ("radio", "select") and control.values:
            data[control.name] = rng.choice(control.values)
        elif control.kind == "checkbox" and control.values:
            most = 2 if control.name.endswith("-choices") else 1
            data[control.name] = rng.sample(
                control.values, rng.randint(1, min(most, len(control.values)))
            )
        elif control.kind == "text":
            data[control.name] = (
                str(rng.randint(1, 3000)) if control.name.endswith("-value") else rng.choice(WORDS)
            )
        elif control.kind == "textarea":
            data[control.name] = " ".join(rng.choices(WORDS, k=12))
    return data
