"""Reading the raw YAML tree defensively.

The meaning checks read the loaded tree rather than the validated model, so that a typo in one
part of the file does not hide a dangling reference in another. These helpers take any value
and answer with nothing (None, an empty list) where the tree does not have the expected shape;
the structure check reports that shape."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from authoring.package.errors import Loc


def get(data: Any, *keys: str) -> Any:
    """``data[k1][k2]...``, or None where a step is not a mapping or lacks the key."""
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def as_text(value: Any) -> str | None:
    """A scalar as the models read it: numbers become text (``id: 1`` is the id "1")."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def enumerated(value: Any) -> list[tuple[int, Any]]:
    """The indexed items of a list; none for anything else."""
    return list(enumerate(value)) if isinstance(value, list) else []


def dicts(value: Any) -> list[tuple[int, dict[str, Any]]]:
    """The indexed items of a list that are mappings."""
    return [(i, item) for i, item in enumerated(value) if isinstance(item, dict)]


def raw_questions(raw: Any) -> Iterator[tuple[Loc, dict[str, Any]]]:
    """Every question mapping in the tree, in lesson order: step activities, then quiz items."""
    for i, step in dicts(get(raw, "steps")):
        for j, question in dicts(step.get("activities")):
            yield ("steps", i, "activities", j), question
    for k, question in dicts(get(raw, "quiz", "items")):
        yield ("quiz", "items", k), question


def strings(value: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    """Every string inside ``value`` (found at ``loc``), with its location."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from strings(child, (*loc, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from strings(child, (*loc, index))


def clean_loc(data: Any, loc: Iterable[str | int]) -> Loc:
    """A pydantic location as a path in the raw tree. Pydantic adds steps that are not keys
    (the member of a union it tried, ``function-after[...]``); they are dropped, except at the
    end, where a key that is not in the data is the missing or unknown one."""
    parts = tuple(loc)
    out: list[str | int] = []
    for index, part in enumerate(parts):
        if _has(data, part):
            data = data[part]
        elif index < len(parts) - 1:
            continue
        out.append(part)
    return tuple(out)


def _has(data: Any, part: str | int) -> bool:
    if isinstance(data, dict):
        return part in data
    return isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
