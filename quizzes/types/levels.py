"""Prose inside a question's spec at two reading levels (docs/lesson-format.md, "Reading
levels"): explanations, a choice's feedback, a part's prompt, a paragraph frame.

Each type names its prose (`QuestionType.prose_patterns`); nothing else here knows a type. An
author writes such a field as a text or as `{standard, simpler}` (`core.levels.Levels`, the same
shape as a prompt's). `split_levels` keeps the standard text in the spec — so the spec, which is
what a question is graded on, is the same whether or not simpler texts exist, and adding them
is never a key change — and returns the simpler texts beside it, by dotted path
(`items.3.explanation`). Pages read the spec at a level with `spec_at_level`, and a stored
grading's feedback (copied from the standard spec when it was graded) with `prose_at_level`;
both pick each text by `core.levels.at_level`, the one rule for every leveled text."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from core.levels import LEVELS, SIMPLER, Levels, at_level

from .schema import Issue, Loc

if TYPE_CHECKING:
    from .base import QuestionType

ANY = "*"  # in a prose pattern: any list index or mapping key


def prose_paths(patterns: Iterable[str], data: Any) -> Iterator[Loc]:
    """Every path of ``data`` (a spec as written or stored) that one of ``patterns`` names:
    ``choices.*.feedback`` names the feedback of each choice that has one."""
    for pattern in patterns:
        yield from _match(tuple(pattern.split(".")), data, ())


def _match(parts: tuple[str, ...], node: Any, path: Loc) -> Iterator[Loc]:
    if not parts:
        yield path
        return
    head, rest = parts[0], parts[1:]
    if head == ANY:
        if isinstance(node, list):
            children: Iterable[tuple[str | int, Any]] = enumerate(node)
        elif isinstance(node, Mapping):
            children = node.items()
        else:
            children = ()
        for key, child in children:
            yield from _match(rest, child, (*path, key))
    elif isinstance(node, Mapping) and head in node:
        yield from _match(rest, node[head], (*path, head))


def dotted(path: Loc) -> str:
    return ".".join(str(part) for part in path)


def _resolve(data: Any, dotted_path: str) -> tuple[Any, str | int] | None:
    """(container, key) of a dotted path in ``data``, or None where it leads nowhere."""
    *parents, last = dotted_path.split(".")
    node = data
    for part in [*parents, last]:
        key: str | int = int(part) if isinstance(node, list) and part.isdigit() else part
        in_list = isinstance(node, list) and isinstance(key, int) and key < len(node)
        if not (in_list or (isinstance(node, Mapping) and key in node)):
            return None
        container, node = node, node[key]
    return container, key


@dataclass
class Split:
    """An author's spec with its leveled prose separated: ``spec`` holds each standard text
    where the author wrote ``{standard, simpler}``; ``simpler`` the simpler texts by path."""

    spec: Any
    simpler: dict[str, str] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)


def split_levels(qt: QuestionType[Any, Any], raw: Any) -> Split:
    """Separate the two levels of every prose field of ``raw`` (an author's spec). Issues: a
    leveled text that is not ``{standard, simpler}`` (a level that does not exist, a simpler
    text without its standard), two levels where the type has one text, and one standard text
    simplified in two ways (a page finds a graded text's simpler version by its words)."""
    split = Split(spec=copy.deepcopy(raw))
    if not isinstance(raw, Mapping):
        return split
    prose = {dotted(path): path for path in prose_paths(qt.prose_patterns(raw), raw)}
    for path in _leveled_mappings(raw, ()):
        if path and dotted(path) not in prose:  # a spec of level names alone: the type says
            split.issues.append((path, "this text has one version for every reading level"))
            _put(split.spec, path, _first_text(_get(raw, path)))
    seen: dict[str, str] = {}
    for name, path in prose.items():
        value = _get(raw, path)
        if not isinstance(value, Mapping):
            continue
        try:
            levels = Levels.model_validate(value)
        except ValidationError as exc:
            split.issues += [(_level_loc(path, e), _level_message(e)) for e in exc.errors()]
            _put(split.spec, path, _stand_in(value))  # reported once, not again as "not text"
            continue
        _put(split.spec, path, levels.standard)
        if seen.setdefault(levels.standard.strip(), levels.simpler) != levels.simpler:
            split.issues.append(
                (
                    (*path, SIMPLER),
                    "the same standard text has another simpler text elsewhere "
                    "in this question: write the same one",
                )
            )
        split.simpler[name] = levels.simpler
    return split


def _leveled_mappings(node: Any, path: Loc) -> Iterator[Loc]:
    """Paths of the mappings that look like a text at two levels: only level names as keys."""
    if isinstance(node, Mapping):
        if node and set(node) <= set(LEVELS):
            yield path
            return
        for key, child in node.items():
            yield from _leveled_mappings(child, (*path, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _leveled_mappings(child, (*path, index))


def _level_loc(path: Loc, error: Mapping[str, Any]) -> Loc:
    """A missing level is reported on the text that lacks it, as a missing field is."""
    loc = tuple(error["loc"])
    return path + (loc[:-1] if error["type"] == "missing" else loc)


def _level_message(error: Mapping[str, Any]) -> str:
    name = error["loc"][-1] if error["loc"] else ""
    if error["type"] == "missing":
        return f"missing field '{name}': a text at two reading levels needs both {LEVELS}"
    if error["type"] == "extra_forbidden":
        return f"unknown reading level '{name}' (levels: {', '.join(LEVELS)})"
    return str(error["msg"]).removeprefix("Value error, ")


def _get(data: Any, path: Loc) -> Any:
    for part in path:
        data = data[part]
    return data


def _put(data: Any, path: Loc, value: Any) -> None:
    _get(data, path[:-1])[path[-1]] = value


def _first_text(value: Mapping[str, Any]) -> Any:
    return value.get(LEVELS[0], next(iter(value.values())))


def _stand_in(value: Mapping[str, Any]) -> str:
    """A text for the type to check in place of a leveled text already reported: its standard
    text, else any text it has, else an ellipsis (the spec is refused either way)."""
    texts = [value.get(LEVELS[0]), *value.values()]
    return next((t for t in texts if isinstance(t, str) and t.strip()), "\N{HORIZONTAL ELLIPSIS}")


def spec_at_level(spec: Mapping[str, Any], simpler: Mapping[str, str], level: str) -> Any:
    """The spec (as stored) as a reader at ``level`` reads it: each prose text written at two
    levels replaced by ``at_level``'s pick. Paths that no longer fit are ignored."""
    if not simpler or at_level(level, "standard", "simpler") != "simpler":
        return spec
    data = copy.deepcopy(dict(spec))
    for name, text in simpler.items():
        found = _resolve(data, name)
        if found is not None and isinstance(found[0][found[1]], str):
            container, key = found
            container[key] = at_level(level, container[key], text)
    return data


def prose_at_level(
    spec: Mapping[str, Any], simpler: Mapping[str, str], level: str
) -> dict[str, str]:
    """Standard text -> the text a reader at ``level`` reads, for every prose text of the spec
    written at two levels: how a stored grading's feedback, graded in standard words, is read at
    the reader's level. Empty at the standard level."""
    words: dict[str, str] = {}
    for name, text in simpler.items():
        found = _resolve(spec, name)
        standard = found[0][found[1]] if found is not None else None
        if isinstance(standard, str) and at_level(level, standard, text) != standard:
            words[standard.strip()] = at_level(level, standard, text)
    return words
