"""`ItemEditor`: one question item (a step's activity or a quiz item) as a form, read back
into the item's dict exactly as lesson.yaml holds it, and validated by its type."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from pydantic import ValidationError

from core.levels import STANDARD
from quizzes.types import Context, registry
from quizzes.types.levels import split_levels

from .bound import Bound, Ctx, Path
from .errors import collect, place, spec_errors
from .item_fields import item_node
from .nodes import DictNode, ListNode, ModelNode, Node, walk
from .prose import LeveledNode, level_issues

ACTIONS = ("add", "remove", "up", "down", "refresh")
ItemIssue = tuple[Path, str]


def sentence_pairs(sentences: Mapping[str, str] | Iterable[Any]) -> list[tuple[str, str]]:
    """The document's sentences as (id, text), from a mapping or from (id, text) pairs or
    objects with `.id` and `.text`, in document order."""
    if isinstance(sentences, Mapping):
        return [(str(k), str(v)) for k, v in sentences.items()]
    out = []
    for entry in sentences:
        if isinstance(entry, tuple | list):
            out.append((str(entry[0]), str(entry[1])))
        else:
            out.append((str(entry.id), str(entry.text)))
    return out


class ItemEditor:
    """The editor of one item of type `type_key`: unbound (`spec`, the item as written, or a
    new blank item) or bound to posted `data`. A post may be a row action (add, remove, move
    a row: `acted` is true), which changes the item without saving it."""

    def __init__(
        self,
        type_key: str,
        *,
        spec: Mapping[str, Any] | None = None,
        data: Any = None,
        prefix: str = "q",
        sentences: Mapping[str, str] | Iterable[Any] = (),
        skills: Sequence[tuple[str, str]] = (),
        source_ids: Iterable[str] | None = None,
        check_item: Callable[[dict[str, Any]], Iterable[ItemIssue]] | None = None,
    ) -> None:
        self.qt = registry.get(type_key)  # UnknownType for a key no type has
        self.type_key = type_key
        self.prefix = prefix
        self.node: ModelNode = item_node(self.qt)
        self.sentences = sentence_pairs(sentences)
        self.skills = list(skills)
        self.source_ids = None if source_ids is None else frozenset(source_ids)
        self.check_item = check_item
        self.errors: dict[Path, list[str]] = {}
        self.acted = False
        self.focus = ""  # the id of the element to focus after a row action
        self.bound_to_data = data is not None
        if data is not None:
            ctx = self._ctx()
            parsed = self.node.parse(data, (), ctx)
            self.value: dict[str, Any] = parsed
            self.acted = self._act(str(data.get(f"{prefix}--action") or ""))
        elif spec is not None:
            self.value = {k: copy.deepcopy(v) for k, v in spec.items() if k != "type"}
        else:
            self.value = self.node.blank()

    def _ctx(self, errors: Mapping[Path, list[str]] | None = None) -> Ctx:
        return Ctx(self.prefix, self.sentences, errors or {}, self.skills)

    # --- the item --------------------------------------------------------------------------

    def item(self) -> dict[str, Any]:
        """The item as lesson.yaml holds it: id, type, prompt, ..., spec."""
        value = copy.deepcopy(self.value)
        out = {"id": value.pop("id", "")} if "id" in value else {}
        return {**out, "type": self.type_key, **value}

    def is_valid(self) -> bool:
        """Validate with the type's own rules (`parse_spec`, then `check` against the lesson's
        sentences); afterwards `errors` holds every problem at its field, in plain words."""
        found: list[ItemIssue] = list(self._item_issues())
        written = self.value.get("spec", {})
        # The type validates the standard texts; the level rules are the validator's own.
        split = split_levels(self.qt, written)
        levels = [(("spec", *at), say) for at, say in level_issues(self.qt, written, split)]
        found += levels
        raw_spec = split.spec
        try:
            spec = self.qt.parse_spec(raw_spec)
        except ValidationError as exc:
            # A text whose levels are refused is no text to the type: said once, above.
            found += [e for e in spec_errors(exc, ("spec",)) if not _overlaps(e[0], levels)]
        else:
            sources = self.source_ids if self.source_ids is not None else _named_sources(raw_spec)
            context = Context(sentences=dict(self.sentences), source_ids=sources)
            found += [(("spec", *loc), message) for loc, message in self.qt.check(spec, context)]
        self.errors = collect(self.node, found)
        if self.check_item is not None:
            # The package's rules repeat the type's in a programmer's words: at a field that
            # already has its message they add nothing, elsewhere they are the only word.
            shown = {self._field_of(path) for path in self.errors}
            extra = [e for e in self.check_item(self.item()) if self._field_of(e[0]) not in shown]
            for path, messages in collect(self.node, extra).items():
                self.errors.setdefault(path, []).extend(messages)
        return not self.errors

    def _field_of(self, path: Path) -> Path:
        """The field an error at `path` shows at: a leveled text's errors show at its text."""
        at = place(self.node, path)
        nodes = list(walk(self.node, at))
        if at and at[-1] == STANDARD and len(nodes) > 1 and isinstance(nodes[-2], LeveledNode):
            return at[:-1]
        return at

    def _item_issues(self) -> Iterable[ItemIssue]:
        # The item's own fields are the lesson format's (authoring.package.schema.Question,
        # a layer above): `check_item` runs those rules; here only what a form must have.
        for name in ("id", "prompt"):
            if not self.value.get(name):
                yield (name,), _("Fill this in.")
        if self.value.get("id") and not re.fullmatch(
            r"[a-z0-9]+(?:[-_][a-z0-9]+)*", self.value["id"]
        ):
            yield ("id",), _("Use lower-case letters and digits, joined by “-” or “_”.")
        points = self.value.get("points", 1)
        if not isinstance(points, int) or points < 1:
            yield ("points",), _("Enter a whole number of points, 1 or more.")
        if not self.value.get("skills"):
            yield ("skills",), _("Choose at least one skill.")

    # --- row actions -----------------------------------------------------------------------

    def _act(self, action: str) -> bool:
        verb, _sep, where = action.partition(":")
        if verb not in ACTIONS:
            return False
        if verb == "refresh":
            return True
        path = tuple(int(p) if p.isdigit() else p for p in where.split(".") if p)
        if verb == "add":
            return self._add(path)
        if not path or not isinstance(path[-1], int):
            return False
        container = _get(self.value, path[:-1])
        index = path[-1]
        self.focus = self._focus_after(verb, path, container)
        if isinstance(container, dict):  # a mapping's rows: move or remove by position
            pairs = list(container.items())
            _move(pairs, verb, index)
            container.clear()
            container.update(pairs)
        elif isinstance(container, list):
            _move(container, verb, index)
        return True

    def _focus_after(self, verb: str, path: Path, rows: Any) -> str:
        """Where the keyboard goes back to after a row action: the same button on the row
        that moved (so it can move again), or the list once a row is removed."""
        size = len(rows) if isinstance(rows, list | dict) else 0
        index = path[-1] + {"up": -1, "down": 1}.get(verb, 0)  # type: ignore[operator]
        if verb == "remove" or not 0 <= index < size:
            return f"id-{self._ctx().name(path[:-1])}"
        moved = self._ctx().name((*path[:-1], index))
        button = "up" if (verb == "up" and index > 0) or index == size - 1 else "down"
        return f"id-{moved}--{button}"

    def _add(self, path: Path) -> bool:
        nodes = list(walk(self.node, path))
        node = nodes[-1].rows_node() if nodes and nodes[-1] is not None else None
        if not isinstance(node, ListNode | DictNode):
            return False
        container = _get(self.value, path)
        if container is None:
            container = [] if isinstance(node, ListNode) else {}
            parent = _get(self.value, path[:-1])
            if not isinstance(parent, dict):
                return False
            parent[path[-1]] = container
        if isinstance(node, ListNode) and isinstance(container, list):
            if node.max_rows is None or len(container) < node.max_rows:
                container.append(node.new_row(container))
            self.focus = f"id-{self._ctx().name((*path, len(container) - 1))}"
        elif isinstance(node, DictNode) and isinstance(container, dict):
            container.setdefault("", node.new_row(container))
        return True

    # --- rendering -------------------------------------------------------------------------

    def bound(self) -> Bound:
        return self.node.bind(self.value, (), self._ctx(self.errors))

    def error_summary(self) -> list[tuple[str, str]]:
        """(link target id, message) of every error, in the order of the form."""
        ctx = self._ctx()
        return [
            (f"id-{ctx.name(self._input_of(path))}", f"{_label_of(self.node, path)}: {message}")
            for path, messages in self.errors.items()
            for message in messages
        ]

    def _input_of(self, path: Path) -> Path:
        """Where a link to an error lands: a leveled text's errors are at its text."""
        nodes = list(walk(self.node, path))
        return (*path, STANDARD) if nodes and isinstance(nodes[-1], LeveledNode) else path

    def render(self, request: Any = None) -> str:
        """The editor's fields, without the <form> around them (the page owns the form)."""
        context = {
            "editor": self,
            "form": self.bound(),
            "summary": self.error_summary(),
            "action_name": f"{self.prefix}--action",
            "type_label": self.qt.label,
        }
        return render_to_string("quizzes/editors/item_editor.html", context, request)

    def __str__(self) -> str:
        return self.render()


def item_editor(type_key: str, **kwargs: Any) -> ItemEditor:
    """The editor of one question item; see `ItemEditor`."""
    return ItemEditor(type_key, **kwargs)


def _get(value: Any, path: Path) -> Any:
    for part in path:
        in_list = isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value)
        if in_list or (isinstance(value, dict) and part in value):
            value = value[part]
        else:
            return None
    return value


def _move(rows: list[Any], verb: str, index: int) -> None:
    if not 0 <= index < len(rows):
        return
    if verb == "remove":
        rows.pop(index)
    elif verb == "up" and index > 0:
        rows[index - 1], rows[index] = rows[index], rows[index - 1]
    elif verb == "down" and index < len(rows) - 1:
        rows[index + 1], rows[index] = rows[index], rows[index + 1]


def _label_of(root: Node, path: Path) -> str:
    """A field's place in words: "Items, row 2, Text"."""
    words: list[str] = []
    for part, node in zip(path, walk(root, path), strict=False):
        if isinstance(part, int):
            words.append(_("row %(n)s") % {"n": part + 1})
        elif node is not None and node.label:
            words.append(str(node.label))
    return ", ".join(words[-3:]) or _("Question")


def _overlaps(path: Path, issues: Iterable[ItemIssue]) -> bool:
    return any(path[: len(at)] == at or at[: len(path)] == path for at, _say in issues)


def _named_sources(spec: Any) -> frozenset[str]:
    """Every id a spec names under `sources`: without the lesson's list, none is refused."""
    found: set[str] = set()
    stack = [spec]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            for key, inner in value.items():
                if key == "sources" and isinstance(inner, list):
                    found.update(str(v) for v in inner)
                else:
                    stack.append(inner)
        elif isinstance(value, list):
            stack.extend(value)
    return frozenset(found)
