"""The generic form nodes an item editor is made of: one per field of a spec model.

A node knows how to read its value back from posted form data (`parse`, never raising: what
cannot be read is passed on for the type's own validation to refuse), what a new value looks
like (`blank`), and how to offer itself to a template (`bind`). Values are the plain data of
lesson.yaml (dicts, lists, strings, numbers), never pydantic models, so that `item()` is the
item exactly as an author writes it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from .bound import Bound, Ctx, Path

MISSING: Any = object()  # a field left out of the item (not the same as an empty value)
# Read as a whole number; longer is kept as written, for the schema to refuse (Python will not
# convert more than 4,300 digits, and no count in a question comes near 18).
INT = re.compile(r"[+-]?\d{1,18}")


def text_of(data: Any, name: str) -> str | None:
    """A posted text, with a browser's CRLF line ends read as LF; None when not posted."""
    value = data.get(name)
    return None if value is None else str(value).replace("\r\n", "\n").replace("\r", "\n")


@dataclass
class Node:
    label: str = ""
    required: bool = True
    default: Any = MISSING
    help: str = ""

    template = "quizzes/editors/_text.html"

    def parse(self, data: Any, path: Path, ctx: Ctx) -> Any:
        raise NotImplementedError

    def blank(self) -> Any:
        return "" if self.default is MISSING else self.default

    def child(self, part: str | int) -> Node | None:
        """The node at `part` below this one (for errors and row actions), or None."""
        return None

    def rows_node(self) -> Node:
        """The node whose rows an "add" action at this node's path extends: itself, or the
        list a widget draws its value with (a select's key of word spans)."""
        return self

    def bind(self, value: Any, path: Path, ctx: Ctx) -> Bound:
        if value is MISSING:
            value = "" if self.default is MISSING else self.default
        return ctx.bound(self, value, path)

    def is_default(self, value: Any) -> bool:
        return self.default is not MISSING and value == self.default


@dataclass
class TextNode(Node):
    multiline: bool = False
    nullable: bool = False  # an optional text left empty is left out (`sentence: null`)

    @property
    def template(self) -> str:  # type: ignore[override]
        return "quizzes/editors/_textarea.html" if self.multiline else "quizzes/editors/_text.html"

    def parse(self, data: Any, path: Path, ctx: Ctx) -> Any:
        value = text_of(data, ctx.name(path))
        if value is None or (value == "" and self.nullable):
            return MISSING
        return value

    def bind(self, value: Any, path: Path, ctx: Ctx) -> Bound:
        bound = ctx.bound(self, "" if value in (None, MISSING) else value, path)
        if "\n" in str(bound.value):  # a line break cannot survive a one-line input
            bound.template = "quizzes/editors/_textarea.html"
        return bound


@dataclass
class IntNode(Node):
    minimum: int | None = None

    template = "quizzes/editors/_number.html"

    def parse(self, data: Any, path: Path, ctx: Ctx) -> Any:
        value = text_of(data, ctx.name(path))
        if value is None or not value.strip():
            return MISSING
        return int(value) if INT.fullmatch(value.strip()) else value.strip()

    def blank(self) -> Any:
        return MISSING if self.default is MISSING else self.default


@dataclass
class NumberNode(Node):
    """An exact number as an author writes it: 6300, 0.25 or "6,300" (kept as written)."""

    template = "quizzes/editors/_decimal.html"

    def parse(self, data: Any, path: Path, ctx: Ctx) -> Any:
        value = text_of(data, ctx.name(path))
        if value is None or not value.strip():
            return MISSING
        value = value.strip()
        if data.get(ctx.name(path, "quoted")) is not None:
            return value  # written as a string ("6,300"): kept one
        if INT.fullmatch(value):
            return int(value)
        try:
            number = float(value)
        except ValueError:
            return value
        return number if repr(number) == value else value

    def blank(self) -> Any:
        return MISSING if self.default is MISSING else self.default

    def bind(self, value: Any, path: Path, ctx: Ctx) -> Bound:
        shown = "" if value in (None, MISSING) else value
        bound = ctx.bound(self, repr(shown) if isinstance(shown, float) else shown, path)
        bound.extra["quoted"] = isinstance(value, str) and value != ""
        return bound


@dataclass
class BoolNode(Node):
    template = "quizzes/editors/_checkbox.html"

    def parse(self, data: Any, path: Path, ctx: Ctx) -> Any:
        return data.get(ctx.name(path)) is not None

    def blank(self) -> Any:
        return False if self.default is MISSING else self.default


@dataclass
class ChoiceNode(Node):
    choices: tuple[Any, ...] = ()
    choice_labels: dict[Any, str] = field(default_factory=dict)

    template = "quizzes/editors/_select.html"

    def parse(self, data: Any, path: Path, ctx: Ctx) -> Any:
        value = text_of(data, ctx.name(path))
        if not value:
            return MISSING
        return next((c for c in self.choices if str(c) == value), value)

    def blank(self) -> Any:
        return self.default if self.default is not MISSING else self.choices[0]

    def bind(self, value: Any, path: Path, ctx: Ctx) -> Bound:
        bound = ctx.bound(self, "" if value is MISSING else str(value), path)
        bound.options = [(str(c), self.choice_labels.get(c, str(c))) for c in self.choices]
        return bound


@dataclass
class ModelNode(Node):
    """A mapping of named fields (a pydantic model): a fieldset."""

    fields: dict[str, Node] = field(default_factory=dict)

    template = "quizzes/editors/_fieldset.html"

    def child(self, part: str | int) -> Node | None:
        return self.fields.get(part) if isinstance(part, str) else None

    def parse(self, data: Any, path: Path, ctx: Ctx) -> Any:
        out: dict[str, Any] = {}
        ctx.parsed[path] = out  # later fields may read earlier ones (a matrix reads its rows)
        for name, node in self.fields.items():
            value = node.parse(data, (*path, name), ctx)
            explicit = data.get(ctx.name((*path, name), "set")) is not None
            if value is MISSING and explicit and node.default is None:
                out[name] = None  # written `min_words: null`: kept as written
            if value is MISSING or (node.is_default(value) and not explicit):
                continue
            out[name] = value
        return out

    def blank(self) -> Any:
        return {
            name: node.blank()
            for name, node in self.fields.items()
            if node.required and node.blank() is not MISSING
        }

    def bind(self, value: Any, path: Path, ctx: Ctx) -> Bound:
        value = value if isinstance(value, dict) else {}
        ctx.parsed[path] = value
        bound = ctx.bound(self, value, path)
        for name, node in self.fields.items():
            child = node.bind(value.get(name, MISSING), (*path, name), ctx)
            child.explicit = name in value  # written by the author, even if it is the default
            bound.children.append(child)
        return bound


@dataclass
class ListNode(Node):
    """A list edited row by row: add, remove, move up, move down (buttons, no dragging)."""

    item: Node = field(default_factory=TextNode)
    ordered: bool = False  # the order written is the key (order)
    max_rows: int | None = None

    template = "quizzes/editors/_rows.html"

    def child(self, part: str | int) -> Node | None:
        return self.item if isinstance(part, int) else None

    def parse(self, data: Any, path: Path, ctx: Ctx) -> Any:
        count = text_of(data, ctx.name(path, "count"))
        if count is None or not count.isdigit():
            return MISSING
        rows = []
        for index in range(min(int(count), 1000)):
            value = self.item.parse(data, (*path, index), ctx)
            rows.append(self.item.blank() if value is MISSING else value)
        return rows

    def blank(self) -> Any:
        return [] if self.default is MISSING else list(self.default)

    def new_row(self, rows: list[Any]) -> Any:
        """A new row; a row with an id gets a fresh one, so that it validates as it is."""
        row = self.item.blank()
        if isinstance(self.item, ModelNode) and "id" in self.item.fields:
            taken = {r.get("id") for r in rows if isinstance(r, dict)}
            row["id"] = next(f"n{i}" for i in range(1, 10_000) if f"n{i}" not in taken)
        return "" if row is MISSING else row

    def bind(self, value: Any, path: Path, ctx: Ctx) -> Bound:
        rows = value if isinstance(value, list) else []
        bound = ctx.bound(self, rows, path)
        bound.count = len(rows)
        bound.children = [self.item.bind(row, (*path, i), ctx) for i, row in enumerate(rows)]
        for number, child in enumerate(bound.children, start=1):
            child.label = _("%(label)s, row %(n)s") % {"label": self.label, "n": number}
        bound.ordered = self.ordered
        return bound


@dataclass
class DictNode(Node):
    """A mapping edited as rows of a key and its value (feedback by option id)."""

    value_node: Node = field(default_factory=TextNode)

    template = "quizzes/editors/_pairs_dict.html"

    def child(self, part: str | int) -> Node | None:
        return self.value_node if isinstance(part, str) else None

    def parse(self, data: Any, path: Path, ctx: Ctx) -> Any:
        count = text_of(data, ctx.name(path, "count"))
        if count is None or not count.isdigit():
            return MISSING
        out: dict[str, Any] = {}
        for index in range(min(int(count), 1000)):
            key = (text_of(data, ctx.name((*path, index), "key")) or "").strip()
            value = self.value_node.parse(data, (*path, index, "value"), ctx)
            if key or value not in (MISSING, ""):
                out[key] = self.value_node.blank() if value is MISSING else value
        return out

    def blank(self) -> Any:
        return {} if self.default is MISSING else dict(self.default)

    def new_row(self, rows: dict[str, Any]) -> Any:
        return self.value_node.blank()

    def bind(self, value: Any, path: Path, ctx: Ctx) -> Bound:
        pairs = list(value.items()) if isinstance(value, dict) else []
        bound = ctx.bound(self, pairs, path)
        bound.count = len(pairs)
        for index, (key, item) in enumerate(pairs):
            row = ctx.bound(self, key, (*path, index))
            row.errors = ctx.errors_at((*path, key))
            row.key_name = ctx.name((*path, index), "key")
            value_field = self.value_node.bind(item, (*path, index, "value"), ctx)
            # The value's own node has no label (it is any row's value): name it by its row.
            if not value_field.label:
                value_field.label = _("%(label)s, row %(n)s") % {
                    "label": self.label,
                    "n": index + 1,
                }
            row.children = [value_field]
            bound.children.append(row)
        return bound


@dataclass
class RawNode(Node):
    """A field the schema cannot describe as a form: written as JSON, so nothing is lost."""

    template = "quizzes/editors/_textarea.html"

    def parse(self, data: Any, path: Path, ctx: Ctx) -> Any:
        import json

        value = text_of(data, ctx.name(path))
        if value is None or not value.strip():
            return MISSING
        try:
            return json.loads(value)
        except ValueError:
            return value

    def bind(self, value: Any, path: Path, ctx: Ctx) -> Bound:
        import json

        shown = "" if value is MISSING else json.dumps(value, ensure_ascii=False)
        return ctx.bound(self, shown, path)


def walk(node: Node, path: Path) -> Iterator[Node | None]:
    """The nodes along `path`, from `node` down; None from where the path leaves the tree."""
    current: Node | None = node
    for part in path:
        current = current.child(part) if current is not None else None
        yield current
