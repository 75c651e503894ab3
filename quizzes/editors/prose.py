"""Simpler wordings inside a spec (`quizzes.types.levels`) as the editor carries them.

The form edits each prose field's standard text. The simpler texts ride along in one hidden
field, each tied to its standard text, and go back wherever that standard text still stands
when the item is written out. So moving or removing a row keeps every simpler text with its
own words (the same rule pages use: a text's simpler version is found by its words), and
editing a standard text drops its simpler text, which no longer matches it. Editing simpler
texts inside a spec is not in the editor yet: authors write them in the package."""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import Any

from core.levels import SIMPLER, STANDARD
from quizzes.types.base import QuestionType
from quizzes.types.levels import prose_paths, split_levels

Pairs = dict[str, str]  # standard text -> its simpler text


def simpler_split(qt: QuestionType[Any, Any], raw_spec: Any) -> tuple[Any, Pairs]:
    """The spec with only its standard texts, and the simpler texts by standard text."""
    split = split_levels(qt, raw_spec)
    pairs: Pairs = {}
    for dotted_path, simpler in split.simpler.items():
        node = split.spec
        for part in dotted_path.split("."):
            node = node[int(part)] if isinstance(node, list) else node[part]
        if isinstance(node, str):
            pairs[node] = simpler
    return split.spec, pairs


def simpler_restore(qt: QuestionType[Any, Any], spec: Any, pairs: Pairs) -> Any:
    """`spec` with `{standard, simpler}` wherever a prose field's text has a simpler text."""
    if not pairs or not isinstance(spec, Mapping):
        return spec
    out = copy.deepcopy(spec)
    for path in prose_paths(qt.prose_patterns(out), out):
        container = out
        for part in path[:-1]:
            container = container[part]
        text = container[path[-1]]
        if isinstance(text, str) and text in pairs:
            container[path[-1]] = {STANDARD: text, SIMPLER: pairs[text]}
    return out


def pairs_dump(pairs: Pairs) -> str:
    return json.dumps(pairs, ensure_ascii=False, sort_keys=True) if pairs else ""


def pairs_load(posted: Any) -> Pairs:
    """The hidden field as posted; anything but a mapping of texts is ignored, never a 500."""
    try:
        value = json.loads(posted or "{}")
    except (TypeError, ValueError):
        return {}
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str) and v}
