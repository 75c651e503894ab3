"""A question type's editor, derived from its pydantic spec model and its `editor_widgets`
hints: strings become inputs (prose a text area), whole numbers number fields, exact numbers
decimal fields, `Literal`s selects, lists of rows row editors, nested models fieldsets.

So a new type brings its editor with no change here: a type only names a special widget
where the generic field would be no help (docs/question-types.md, "Editors")."""

from __future__ import annotations

import types
from collections.abc import Callable, Mapping
from decimal import Decimal
from inspect import isclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, StringConstraints
from pydantic.fields import FieldInfo

from quizzes.types import UnknownType, registry

from .bound import Path
from .labels import label_for
from .nodes import (
    MISSING,
    BoolNode,
    ChoiceNode,
    DictNode,
    IntNode,
    ListNode,
    ModelNode,
    Node,
    NumberNode,
    RawNode,
    TextNode,
)
from .prose import LeveledNode, leveled, prose_places
from .widgets import (
    GridNode,
    HiddenNode,
    PairsNode,
    RefNode,
    SentenceNode,
    SentencesNode,
    SentencesOrSpansNode,
    SpecNode,
)


def spec_node(type_key: str, path: Path) -> ModelNode | None:
    """The editor of a registered type's spec at `path` of the item, or None if unknown."""
    try:
        qt = registry.get(type_key)
    except UnknownType:
        return None
    builder = _Builder(
        root=path,
        hints=dict(qt.editor_widgets),
        labels=dict(qt.editor_labels),
        prose=prose_places(qt),
    )
    return builder.model(qt.spec_model, "")


class _Builder:
    def __init__(
        self,
        *,
        root: Path,
        hints: Mapping[str, str],
        labels: Mapping[str, Any],
        prose: frozenset[str] = frozenset(),
    ):
        self.root = root
        self.hints = hints
        self.labels = labels
        self.prose = prose  # fields a student reads: a simpler wording beside each text

    def model(self, model: type[BaseModel], where: str) -> ModelNode:
        fields = {
            name: self.field(info, f"{where}{name}") for name, info in model.model_fields.items()
        }
        return ModelNode(fields=fields)

    def field(self, info: FieldInfo, where: str) -> Node:
        annotation = (
            Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
        )
        node = self.node(annotation, where)
        name = where.rsplit(".", 1)[-1]
        node.label = self.labels.get(where) or label_for(name)
        node.required = info.is_required()
        node.default = MISSING if node.required else info.get_default(call_default_factory=True)
        return node

    def node(self, annotation: Any, where: str, *, hinted: bool = True) -> Node:
        node = self._node(annotation, where, hinted=hinted)
        if where in self.prose and type(node) is TextNode:
            return leveled(node)
        return node

    def _node(self, annotation: Any, where: str, *, hinted: bool) -> Node:
        if hinted and where in self.hints:
            return self.widget(self.hints[where], annotation, where)
        tp, meta = _unwrap(annotation)
        origin = get_origin(tp)
        if origin in (Union, types.UnionType):
            members = [a for a in get_args(tp) if a is not type(None)]
            if len(members) == 1:  # optional: left empty, it is left out
                node = self.node(members[0], where)
                if isinstance(node, TextNode | LeveledNode):
                    node.nullable = True
                return node
            return RawNode()
        if origin is Literal:
            return ChoiceNode(choices=get_args(tp))
        if origin is list:
            item = self.node(get_args(tp)[0], where)
            return ListNode(item=item, max_rows=_constraint(meta, "max_length"))
        if origin is dict:
            return DictNode(value_node=self.node(get_args(tp)[1], where))
        if tp is bool:
            return BoolNode()
        if tp is int:
            return IntNode(minimum=_constraint(meta, "ge"))
        if tp in (Decimal, float):
            return NumberNode()
        if tp is str:
            prose = _constraint(meta, "min_length") is None and _constraint(meta, "pattern") is None
            return TextNode(multiline=prose)
        if isclass(tp) and issubclass(tp, BaseModel):
            return self.model(tp, f"{where}.")
        return RawNode()

    def widget(self, hint: str, annotation: Any, where: str) -> Node:
        name, *args = hint.split(":")
        make = WIDGETS.get(name)
        if make is None:
            raise ValueError(f"unknown editor widget {name!r} for {where!r}")
        return make(self, annotation, where, *args)

    def generic(self, annotation: Any, where: str) -> Node:
        """The field's generic node, for a widget that only adds to it."""
        return self.node(annotation, where, hinted=False)


def _unwrap(annotation: Any) -> tuple[Any, list[Any]]:
    meta: list[Any] = []
    while get_origin(annotation) is Annotated:
        annotation, *more = get_args(annotation)
        meta.extend(more)
    return annotation, meta


def _constraint(meta: list[Any], name: str) -> Any:
    for item in meta:
        if isinstance(item, StringConstraints | FieldInfo):
            value = getattr(item, name, None)
            if value is not None:
                return value
        elif hasattr(item, name) and not callable(getattr(item, name)):
            return getattr(item, name)
    return None


def _spans(builder: _Builder, annotation: Any, where: str, unit: str = "unit") -> Node:
    tp, _meta = _unwrap(annotation)
    span = next(
        (
            get_args(_unwrap(m)[0])[0]
            for m in get_args(tp)
            if get_origin(_unwrap(m)[0]) is list
            and isclass(get_args(_unwrap(m)[0])[0])
            and issubclass(get_args(_unwrap(m)[0])[0], BaseModel)
        ),
        None,
    )
    rows = ListNode(item=builder.model(span, f"{where}.") if span else RawNode())
    return SentencesOrSpansNode(root=builder.root, unit=unit, spans=rows)


def _grid(builder: _Builder, annotation: Any, where: str, *axes: str) -> Node:
    rows, columns, categories = (*axes, "rows", "columns", "categories")[:3]
    tp, _meta = _unwrap(annotation)
    inner = get_args(get_args(tp)[1])[1]  # dict[row, dict[column, Cell]]
    cell = builder.model(inner, f"{where}.")
    return GridNode(root=builder.root, rows=rows, columns=columns, categories=categories, cell=cell)


def _spec(builder: _Builder, annotation: Any, where: str, key: str) -> Node:
    parent = (*builder.root, *where.split(".")[:-1])
    return SpecNode(root=parent, type_key=key, build=spec_node)


def _ordered(builder: _Builder, annotation: Any, where: str) -> Node:
    node = builder.generic(annotation, where)
    if isinstance(node, ListNode):
        node.ordered = True
    return node


def _text(builder: _Builder, annotation: Any, where: str, *args: str) -> Node:
    return TextNode(multiline=True)


WIDGETS: dict[str, Callable[..., Node]] = {
    "textarea": _text,
    "sentences": lambda b, a, w: SentencesNode(),
    "sentence": lambda b, a, w: SentenceNode(),
    "sentences_or_spans": _spans,
    "choice_of": lambda b, a, w, source, text="label": RefNode(
        root=b.root, source=source, text=text
    ),
    "pairs": lambda b, a, w, left="prompts", right="options": PairsNode(
        root=b.root, left=left, right=right
    ),
    "grid": _grid,
    "spec": _spec,
    "ordered": _ordered,
    "prepared": lambda b, a, w: HiddenNode(),
}
