"""Layer 2: the structure of ``lesson.yaml``, checked by the pydantic models of ``schema.py``,
with pydantic's errors rewritten in the words of an author and placed at their lines."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from authoring.package.errors import Loc
from authoring.package.findings import Findings, did_you_mean
from authoring.package.rawtree import clean_loc
from authoring.package.schema import Lesson, allowed_keys


def check_structure(raw: Any, findings: Findings) -> Lesson | None:
    """The lesson as its model, or None when the tree does not fit it (errors reported)."""
    if raw is None:
        findings.error((), "the file is empty")
        return None
    try:
        return Lesson.model_validate(raw)
    except ValidationError as exc:
        report_pydantic_errors(findings, exc, (), raw, Lesson)
        return None


def report_pydantic_errors(
    findings: Findings, exc: ValidationError, base: Loc, data: Any, model: type[BaseModel] | None
) -> None:
    """Report each pydantic error at its place in the file; ``data`` is the raw value that
    was validated, found at ``base``; ``model`` lists the keys allowed where one is unknown."""
    for err in exc.errors(include_url=False):
        loc = clean_loc(data, err["loc"])
        kind = err["type"]
        if kind != "missing" and loc and not _present(data, loc):
            # Only a missing field's name is not in the data: anything else at the end is
            # pydantic's own (the member of a union it tried).
            loc = loc[:-1]
        line = findings.lines.line_of((*base, *loc))
        if kind == "missing":
            findings.error((*base, *loc[:-1]), f"missing field '{loc[-1]}'", line=line)
        elif kind == "extra_forbidden":
            keys = (allowed_keys(model, loc[:-1]) if model else None) or []
            message = f"unknown key '{loc[-1]}'{did_you_mean(loc[-1], keys)}"
            if keys:
                message += f" (allowed: {', '.join(keys)})"
            findings.error((*base, *loc[:-1]), message, line=line)
        else:
            findings.error((*base, *loc), _pydantic_message(err), line=line)


def _pydantic_message(err: Mapping[str, Any]) -> str:
    if err["type"] in ("model_type", "dict_type"):
        # Pydantic names the model class here, which means nothing to an author.
        return f"expected a mapping of keys and values (got {_show(err.get('input'))})"
    message = str(err["msg"]).removeprefix("Value error, ")
    if err["type"] in ("value_error", "assertion_error") or "input" not in err:
        return message
    if err["type"].startswith(("invalid_", "too_", "list_")) and err["type"] != "list_type":
        return message
    return f"{message} (got {_show(err['input'])})"


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:57]}..."


def _present(data: Any, loc: Loc) -> bool:
    for part in loc:
        in_mapping = isinstance(data, dict) and part in data
        in_list = isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        if not (in_mapping or in_list):
            return False
        data = data[part]
    return True
