"""A spec's problems in plain words, each at the field it belongs to.

Pydantic's messages ("Input should be a valid string") and its locations (which may name a
union member it tried) are for programmers: here each error becomes a sentence an author
understands, at the deepest field of the editor its location reaches."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _
from pydantic import ValidationError

from .bound import Path
from .nodes import Node, walk


def plain(err: dict[str, Any]) -> str:
    """One pydantic error as a sentence for an author."""
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind in ("value_error", "assertion_error", "invalid_spec"):
        return str(err["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if kind == "missing":
        return _("Fill this in.")
    if kind == "string_too_short":
        return _("Write something here.")
    if kind == "string_too_long":
        return _("Shorten this to at most %(n)s characters.") % {"n": ctx.get("max_length")}
    if kind == "string_pattern_mismatch":
        return _(
            "Use only letters, digits, “-” and “_”, starting with a letter or digit "
            "(no spaces or dots)."
        )
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("Enter a whole number.")
    if kind.startswith(("decimal_", "float_", "finite_number")):
        return _("Enter a number, such as 6300 or 0.25.")
    if kind in ("greater_than_equal", "greater_than"):
        bound = ctx.get("ge", ctx.get("gt"))
        if kind == "greater_than":
            return _("Enter a number above %(n)s.") % {"n": bound}
        return _("Enter %(n)s or more.") % {"n": bound}
    if kind in ("less_than_equal", "less_than"):
        return _("Enter %(n)s or less.") % {"n": ctx.get("le", ctx.get("lt"))}
    if kind == "too_short":
        return _("Add at least %(n)s.") % {"n": ctx.get("min_length")}
    if kind == "too_long":
        return _("Keep at most %(n)s.") % {"n": ctx.get("max_length")}
    if kind in ("literal_error", "enum"):
        return _("Choose one of the options.")
    if kind == "extra_forbidden":
        return _("This field does not belong here.")
    if kind.startswith("bool"):
        return _("Tick the box or leave it empty.")
    return _("This value cannot be used here.")


def place(root: Node, path: Path) -> Path:
    """The deepest prefix of `path` that is a field of the editor: pydantic may name a union
    member or a validator after the field, and a type's check a part a widget does not draw."""
    reached = 0
    for depth, node in enumerate(walk(root, path), start=1):
        if node is None:
            break
        reached = depth
    return tuple(path[:reached])


def spec_errors(exc: ValidationError, base: Path) -> Iterable[tuple[Path, str]]:
    for err in exc.errors(include_url=False, include_input=False):
        yield (*base, *err["loc"]), plain(err)  # type: ignore[arg-type]


def collect(root: Node, found: Iterable[tuple[Path, str]]) -> dict[Path, list[str]]:
    """Errors by the field they are shown at; a message is shown once per field."""
    errors: dict[Path, list[str]] = {}
    for path, message in found:
        at = errors.setdefault(place(root, path), [])
        if message not in at:
            at.append(message)
    return errors
