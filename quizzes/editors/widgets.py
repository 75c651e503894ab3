"""The special widgets a question type asks for by name in its `editor_widgets` hints, where
a generic field would be no help: a picker over the document's sentences, a select of the
ids of another list, a match's pairs, a matrix's grid, and a nested type's own editor.

Hint values are `name` or `name:arg:arg` (docs/question-types.md, "Editors")."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from django.utils.translation import gettext as _

from quizzes.types import registry
from quizzes.types.text import words_of

from .bound import Bound, Ctx, Path
from .nodes import MISSING, ListNode, ModelNode, Node, RawNode, TextNode, text_of


def _ids(rows: Any, key: str = "id") -> list[str]:
    return [str(r.get(key)) for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []


def _labels(rows: Any, text: str) -> list[tuple[str, str]]:
    if not isinstance(rows, list):
        return []
    return [
        (str(r.get("id", "")), str(r.get(text) or r.get("id", "")))
        for r in rows
        if isinstance(r, dict)
    ]


@dataclass
class SentencesNode(Node):
    """Sentence ids picked with a checkbox each, on the document's numbered sentences."""

    template = "quizzes/editors/_sentences.html"

    def parse(self, data: Any, path: Path, ctx: Ctx) -> Any:
        if data.get(ctx.name(path, "shown")) is None:
            return MISSING
        picked = [str(v) for v in data.getlist(ctx.name(path))]
        if not picked and self.default is None:
            return MISSING  # `within` left out: the whole document
        # The order written stays (it may mean something to the author); new picks follow
        # in document order.
        written = (text_of(data, ctx.name(path, "order")) or "").split()
        known = [sid for sid, _text in ctx.sentences]
        rank: dict[str, int] = {}
        for sid in [*written, *known]:
            rank.setdefault(sid, len(rank))
        return sorted(picked, key=lambda s: rank.get(s, len(rank)))

    def blank(self) -> Any:
        return [] if self.default is MISSING else self.default

    def bind(self, value: Any, path: Path, ctx: Ctx) -> Bound:
        picked = [str(v) for v in value] if isinstance(value, list) else []
        bound = ctx.bound(self, picked, path)
        known = [sid for sid, _text in ctx.sentences]
        bound.options = list(ctx.sentences) + [(s, "") for s in picked if s not in known]
        return bound


@dataclass
class SentenceNode(Node):
    """One sentence id, chosen from the document's sentences."""

    nullable: bool = False

    template = "quizzes/editors/_select.html"

    def parse(self, data: Any, path: Path, ctx: Ctx) -> Any:
        value = text_of(data, ctx.name(path))
        return value if value else MISSING

    def bind(self, value: Any, path: Path, ctx: Ctx) -> Bound:
        value = "" if value in (None, MISSING) else str(value)
        bound = ctx.bound(self, value, path)
        known = [sid for sid, _text in ctx.sentences]
        options = [(sid, f"{sid}: {text[:80]}") for sid, text in ctx.sentences]
        bound.options = options + ([(value, value)] if value and value not in known else [])
        bound.extra["empty"] = True
        return bound


@dataclass
class SentencesOrSpansNode(Node):
    """A select's key: sentence ids with `unit: sentence`, or spans {sentence, text} (words
    quoted from a sentence) with `unit: word`; the unit is the sibling field named `unit`."""

    root: Path = ()
    unit: str = "unit"
    within: str = "within"
    spans: ListNode = field(default_factory=ListNode)

    template = "quizzes/editors/_sentences_or_spans.html"

    def _words(self, ctx: Ctx) -> bool:
        return ctx.sibling(self.root, self.unit) == "word"

    def child(self, part: str | int) -> Node | None:
        return self.spans.item if isinstance(part, int) else None

    def rows_node(self) -> Node:
        return self.spans

    def parse(self, data: Any, path: Path, ctx: Ctx) -> Any:
        if self._words(ctx):  # the span rows share the key's path: `q-spec-key-0-text`
            return self.spans.parse(data, path, ctx)
        return SentencesNode().parse(data, path, ctx)

    def blank(self) -> Any:
        return []

    def bind(self, value: Any, path: Path, ctx: Ctx) -> Bound:
        rows = value if isinstance(value, list) else []
        words = self._words(ctx)
        bound = ctx.bound(self, rows, path)
        bound.extra["words"] = words
        bound.extra["sentences"] = SentencesNode(label=self.label).bind(
            [] if words else [r for r in rows if not isinstance(r, dict)], path, ctx
        )
        rows_node = replace(self.spans, label=self.label)  # the rows are the key: its name
        spans = rows_node.bind([r for r in rows if isinstance(r, dict)], path, ctx)
        spans.errors = []
        bound.extra["spans"] = spans
        if words:
            bound.extra["picker"] = self._picker(ctx)
            bound.extra["within_name"] = ctx.name((*self.root, self.within))
            # A blank row for the picker's script to copy when picks need more rows than
            # there are: `__row__` stands for its index, `__n__` for its number.
            new = self.spans.item.bind({}, (*path, "__row__"), ctx)
            new.label = _("%(label)s, row %(n)s") % {"label": self.label, "n": "__n__"}
            bound.extra["new_row"] = new
        return bound

    def _picker(self, ctx: Ctx) -> list[dict[str, Any]]:
        """The document's sentences split into words by the graders' rule, those outside
        `within` (when set) marked hidden; offsets count characters, as Python does."""
        within = ctx.sibling(self.root, self.within)
        shown = {str(s) for s in within} if isinstance(within, list) and within else None
        return [
            {
                "id": sid,
                "text": text,
                "words": words_of(text),
                "hidden": shown is not None and sid not in shown,
            }
            for sid, text in ctx.sentences
        ]


@dataclass
class RefNode(Node):
    """An id chosen from another list of the same spec (an item's category)."""

    root: Path = ()
    source: str = ""
    text: str = "label"

    template = "quizzes/editors/_select.html"

    def parse(self, data: Any, path: Path, ctx: Ctx) -> Any:
        value = text_of(data, ctx.name(path))
        return value if value else MISSING

    def bind(self, value: Any, path: Path, ctx: Ctx) -> Bound:
        value = "" if value in (None, MISSING) else str(value)
        bound = ctx.bound(self, value, path)
        options = _labels(ctx.sibling(self.root, self.source), self.text)
        if value and value not in {key for key, _ in options}:
            options.append((value, value))
        bound.options = options
        bound.extra["empty"] = True
        return bound


@dataclass
class PairsNode(Node):
    """A match's key: for each prompt, the option it pairs with (a select per prompt)."""

    root: Path = ()
    left: str = "prompts"
    right: str = "options"

    template = "quizzes/editors/_pairs.html"

    def child(self, part: str | int) -> Node | None:
        return TextNode() if isinstance(part, str) else None

    def parse(self, data: Any, path: Path, ctx: Ctx) -> Any:
        out: dict[str, str] = {}
        for index, prompt in enumerate(_ids(ctx.sibling(self.root, self.left))):
            value = text_of(data, ctx.name((*path, index)))
            if value:
                out[prompt] = value
        return out

    def blank(self) -> Any:
        return {}

    def bind(self, value: Any, path: Path, ctx: Ctx) -> Bound:
        pairs = value if isinstance(value, dict) else {}
        bound = ctx.bound(self, pairs, path)
        options = _labels(ctx.sibling(self.root, self.right), "text")
        for index, (prompt, text) in enumerate(_labels(ctx.sibling(self.root, self.left), "text")):
            row = ctx.bound(TextNode(label=text), str(pairs.get(prompt, "")), (*path, index))
            row.errors = ctx.errors_at((*path, prompt))
            row.options = options
            row.extra["empty"] = True
            bound.children.append(row)
        return bound


@dataclass
class GridNode(Node):
    """A matrix's key: a table of rows x columns, a radio per category in each cell, and the
    cell's other fields (explanation, sources) under it."""

    root: Path = ()
    rows: str = "rows"
    columns: str = "columns"
    categories: str = "categories"
    cell: ModelNode = field(default_factory=ModelNode)

    template = "quizzes/editors/_grid.html"

    def child(self, part: str | int) -> Node | None:
        return _RowOfCells(self.cell) if isinstance(part, str) else None

    def _axes(self, ctx: Ctx) -> tuple[list[str], list[str]]:
        return (
            _ids(ctx.sibling(self.root, self.rows)),
            _ids(ctx.sibling(self.root, self.columns)),
        )

    def parse(self, data: Any, path: Path, ctx: Ctx) -> Any:
        rows, columns = self._axes(ctx)
        out: dict[str, dict[str, Any]] = {}
        for r, row in enumerate(rows):
            for c, column in enumerate(columns):
                cell = self.cell.parse(data, (*path, r, c), ctx)
                if cell:
                    out.setdefault(row, {})[column] = cell
        return out

    def blank(self) -> Any:
        return {}

    def bind(self, value: Any, path: Path, ctx: Ctx) -> Bound:
        cells = value if isinstance(value, dict) else {}
        bound = ctx.bound(self, cells, path)
        categories = _labels(ctx.sibling(self.root, self.categories), "label")
        rows = _labels(ctx.sibling(self.root, self.rows), "text")
        columns = _labels(ctx.sibling(self.root, self.columns), "text")
        bound.extra["columns"] = [text for _id, text in columns]
        for r, (row_id, row_text) in enumerate(rows):
            line = ctx.bound(self, row_text, (*path, r))
            line.errors = ctx.errors_at((*path, row_id))
            for c, (column_id, column_text) in enumerate(columns):
                given = cells.get(row_id, {}) if isinstance(cells.get(row_id), dict) else {}
                cell = self.cell.bind(given.get(column_id, {}), (*path, r, c), ctx)
                cell.errors += ctx.errors_at((*path, row_id, column_id))
                cell.label = f"{row_text} — {column_text}"
                cell.options = categories
                line.children.append(cell)
            bound.children.append(line)
        return bound


@dataclass
class _RowOfCells(Node):
    cell: Node = field(default_factory=Node)

    def child(self, part: str | int) -> Node | None:
        return self.cell if isinstance(part, str) else None


@dataclass
class SpecNode(Node):
    """A spec edited by its own type's editor: a two_part's part, recursively. `type_key`
    is a type's key, or `@field` for the key named by a sibling field of `root`."""

    root: Path = ()
    type_key: str = ""
    build: Any = None  # (type key, path) -> ModelNode: the editor of that type's spec

    template = "quizzes/editors/_spec.html"

    def _key(self, ctx: Ctx) -> str:
        if self.type_key.startswith("@"):
            return str(ctx.sibling(self.root, self.type_key[1:]) or "")
        return self.type_key

    def _node(self, key: str, path: Path) -> Node:
        node = self.build(key, path) if key else None
        return node if node is not None else RawNode(label=self.label)

    def child(self, part: str | int) -> Node | None:
        # Walked without a value (to place an error): the first type whose spec has `part`.
        keys = registry.keys() if self.type_key.startswith("@") else (self.type_key,)
        for key in keys:
            if found := self._node(key, ()).child(part):
                return found
        return None

    def parse(self, data: Any, path: Path, ctx: Ctx) -> Any:
        return self._node(self._key(ctx), path).parse(data, path, ctx)

    def blank(self) -> Any:
        return {}

    def bind(self, value: Any, path: Path, ctx: Ctx) -> Bound:
        inner = self._node(self._key(ctx), path).bind(value, path, ctx)
        inner.label = self.label
        return inner


@dataclass
class HiddenNode(Node):
    """A field an author does not write (filled in by `prepare()`): kept if present."""

    required: bool = False
    template = "quizzes/editors/_hidden_json.html"

    def parse(self, data: Any, path: Path, ctx: Ctx) -> Any:
        return RawNode().parse(data, path, ctx)

    def bind(self, value: Any, path: Path, ctx: Ctx) -> Bound:
        bound = RawNode(label=self.label).bind(value, path, ctx)
        bound.template = self.template
        return bound
