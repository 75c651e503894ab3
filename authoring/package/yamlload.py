"""Load YAML into plain Python values while remembering the line of every key and item, so any
error found later (by pydantic, a question type or a cross-reference check) points at a line.

Two deliberate departures from PyYAML's YAML 1.1 defaults, because authors write prose:
only ``true``/``false`` are booleans (``no``, ``on``, ``yes`` stay text: "Norway problem"), and
dates stay text (``date: 1992-02-26`` is a string, as every other ``date`` field is).
Mapping keys are always text: every key in a package is a field name or an id, and an id
written as a number (``1: a`` in a match key) means the text "1".
Duplicate keys, which PyYAML silently resolves to the last one, are reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from authoring.package.errors import Loc

_BOOL_TAG = "tag:yaml.org,2002:bool"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class _ProseLoader(yaml.SafeLoader):
    """SafeLoader without YAML 1.1 yes/no/on/off booleans and without implicit dates."""


_ProseLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL_TAG, _TIMESTAMP_TAG)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_ProseLoader.add_implicit_resolver(
    _BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class YamlSyntaxError(Exception):
    """The text is not YAML. ``line`` is 1-based."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class DuplicateKey:
    loc: Loc
    line: int
    first_line: int


@dataclass(frozen=True)
class _ScalarPlace:
    line: int  # 1-based line where the scalar's text begins
    literal: bool  # a ``|`` block: its text lines map one to one onto file lines


@dataclass
class LineMap:
    """Lines of the keys and items of one YAML document, by location."""

    keys: dict[Loc, int] = field(default_factory=dict)
    scalars: dict[Loc, _ScalarPlace] = field(default_factory=dict)

    def line_of(self, loc: Loc) -> int:
        """Line of ``loc``, or of its nearest enclosing key or item when ``loc`` does not exist
        (a missing field is reported on the line of the mapping that lacks it)."""
        for end in range(len(loc), 0, -1):
            line = self.keys.get(loc[:end])
            if line is not None:
                return line
        return 1

    def line_in_text(self, loc: Loc, offset: int, text: str) -> int:
        """Line of character ``offset`` of the string at ``loc``. Exact for one-line scalars
        and ``|`` blocks; for folded or multi-line quoted text, the line where the text begins."""
        place = self.scalars.get(loc)
        if place is None:
            return self.line_of(loc)
        if place.literal:
            return place.line + text.count("\n", 0, offset)
        return place.line


@dataclass(frozen=True)
class LoadedYaml:
    data: Any
    lines: LineMap
    duplicate_keys: tuple[DuplicateKey, ...]


def load_yaml(text: str) -> LoadedYaml:
    """Parse one YAML document. Raises :class:`YamlSyntaxError` with the line of the problem."""
    loader = _ProseLoader(text)
    try:
        node = loader.get_single_node()
        builder = _Builder(loader)
        data = builder.build(node, ()) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        raise YamlSyntaxError(*_describe(exc, text)) from exc
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(None, str(exc)) from exc
    finally:
        loader.dispose()
    return LoadedYaml(data, builder.lines if node is not None else LineMap(), builder.duplicates)


def _describe(exc: yaml.MarkedYAMLError, text: str) -> tuple[int | None, str]:
    """PyYAML's problem, where it was noticed (line, and column in the message), with where
    the construct began and, for the mistakes authors make most, a hint in plain words. An
    unclosed quotation mark is reported on the line where it opens, not at the end of file."""
    mark = exc.problem_mark or exc.context_mark
    if mark is not None and exc.context_mark is not None and "quoted scalar" in (exc.context or ""):
        mark = exc.context_mark
    line = mark.line + 1 if mark else None
    message = exc.problem or exc.context or "invalid YAML"
    if exc.problem and exc.context:
        started = exc.context_mark.line + 1 if exc.context_mark else None
        if started is not None and started != line:
            message = f"{message} ({exc.context} started on line {started})"
        else:
            message = f"{message} ({exc.context})"
    if mark is not None:
        message = f"column {mark.column + 1}: {message}"
        row = text.splitlines()[mark.line] if mark.line < len(text.splitlines()) else ""
        hint = syntax_hint(exc, row[: mark.column])
        if hint:
            message = f"{message}. Hint: {hint}"
    return line, message


_QUOTE = "put the whole text in double quotes"
_QUOTE_IT = f'{_QUOTE}, e.g. title: "Note: read this first"'
# (what PyYAML says, in its problem or context; the hint). The first that matches is given.
_HINTS = (
    ("'\\t'", "indent with spaces, not tabs: replace the tab on this line with spaces"),
    (
        "quoted scalar",
        "this quotation mark is never closed. Close it; inside double quotes write a quotation "
        "mark as \\\", inside single quotes as ''",
    ),
    (
        "but found '<scalar>'",
        "a text that begins with a quotation mark must end with it; "
        "to quote only part of a text, put the whole text in the other kind of quotes: "
        "'\"Hello\" world'",
    ),
    (
        "<block end>",
        "check the indentation: the keys of one mapping, and the dashes of one list, start in "
        "the same column as the ones before them",
    ),
    ("did not find expected", "check the indentation of this line and the one above it"),
    (
        "cannot start any token",
        f"a text that begins with @, `, % or [@ref] must be quoted: {_QUOTE}",
    ),
    (
        "alias",
        f"a text that begins with * or & must be quoted: {_QUOTE}",
    ),
    (
        "flow",
        "a value that begins with [ or { is read as a list or mapping: close it on the same "
        "item, or, if it is text (such as [@ref] ...), quote it",
    ),
)


def syntax_hint(exc: yaml.MarkedYAMLError, before: str) -> str | None:
    """A hint for ``exc``; ``before`` is the text of its line before the problem."""
    said = f"{exc.problem or ''} | {exc.context or ''}"
    if "mapping values are not allowed" in said:
        if ": " in before:  # key: text: more text
            return f'a text that contains ": " must be quoted: {_QUOTE_IT}'
        return (
            "this line is indented further than the key above it: indent it like that key, or, "
            "if it continues the text above, quote that text"
        )
    return next((hint for pattern, hint in _HINTS if pattern in said), None)


class _Builder:
    """Turns composed nodes into plain values, recording lines as it goes."""

    def __init__(self, loader: _ProseLoader) -> None:
        self.loader = loader
        self.lines = LineMap()
        self.duplicates: tuple[DuplicateKey, ...] = ()
        self._active: set[int] = set()

    def build(self, node: Node, loc: Loc) -> Any:
        if isinstance(node, ScalarNode):
            self.lines.scalars[loc] = _ScalarPlace(
                # A block scalar's node starts at its ``|``; the text starts on the next line.
                line=node.start_mark.line + (2 if node.style in ("|", ">") else 1),
                literal=node.style == "|",
            )
            try:
                return self.loader.construct_object(node, deep=True)
            except ValueError:  # an integer of more digits than Python reads (4300)
                raise yaml.constructor.ConstructorError(
                    None, None, "a number far too long to read", node.start_mark
                ) from None
        if id(node) in self._active:
            # An alias that contains itself would recurse forever; YAML allows it, we do not.
            raise yaml.constructor.ConstructorError(
                None, None, "a recursive alias is not allowed", node.start_mark
            )
        self._active.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                return self._sequence(node, loc)
            if isinstance(node, MappingNode):
                return self._mapping(node, loc)
        finally:
            self._active.discard(id(node))
        raise yaml.constructor.ConstructorError(
            None, None, f"unexpected node {node.tag}", node.start_mark
        )

    def _sequence(self, node: SequenceNode, loc: Loc) -> list[Any]:
        items = []
        for index, child in enumerate(node.value):
            self.lines.keys[(*loc, index)] = child.start_mark.line + 1
            items.append(self.build(child, (*loc, index)))
        return items

    def _mapping(self, node: MappingNode, loc: Loc) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                # Merged keys would have no line of their own in this file; repeat the fields.
                raise yaml.constructor.ConstructorError(
                    None, None, "merge keys (<<) are not supported", key_node.start_mark
                )
            if not isinstance(key_node, ScalarNode):
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    "a key must be a plain word, not a list or mapping",
                    key_node.start_mark,
                )
            key = key_node.value  # as written: ``1.50`` stays "1.50", ``null`` stays "null"
            line = key_node.start_mark.line + 1
            child_loc = (*loc, key)
            if key in result:
                first = self.lines.keys[child_loc]
                self.duplicates += (DuplicateKey(child_loc, line, first),)
                continue  # keep the first, like a reader of the file would assume
            self.lines.keys[child_loc] = line
            result[key] = self.build(value_node, child_loc)
        return result
