"""Prose at two reading levels in the editor (docs/lesson-format.md, "Reading levels"): every
text a type names in `prose_fields` (and an item's prompt and feedback) is edited as its
standard text with an optional "Simpler wording" beside it.

A prose field's value stays as the author writes it — a text, or `{standard, simpler}` once a
simpler wording is given — so it moves with its row like any other field, and an item without
simpler wordings comes back byte for byte. The level rules themselves are
`quizzes.types.levels.split_levels`, the package validator's; here they are only put in
words an author of the form understands (`level_issues`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from core.levels import SIMPLER, STANDARD
from quizzes.types.base import QuestionType
from quizzes.types.levels import Split, prose_paths

from .bound import Bound, Ctx, Path
from .nodes import MISSING, Node, TextNode, text_of

Issue = tuple[Path, str]


@dataclass
class LeveledNode(Node):
    """A text, or `{standard, simpler}` when a simpler wording is given. `nullable`: left
    empty, the field is left out of the item (an optional text)."""

    nullable: bool = False

    template = "quizzes/editors/_leveled.html"

    def child(self, part: str | int) -> Node | None:
        # Named in an error's place: the standard text is the field itself.
        if part == STANDARD:
            return TextNode()
        return TextNode(label=_("Simpler wording")) if part == SIMPLER else None

    def parse(self, data: Any, path: Path, ctx: Ctx) -> Any:
        standard = text_of(data, ctx.name((*path, STANDARD)))
        simpler = text_of(data, ctx.name((*path, SIMPLER))) or ""
        if standard is None:
            return MISSING
        if simpler.strip():
            return {STANDARD: standard, SIMPLER: simpler}
        return MISSING if standard == "" and self.nullable else standard

    def bind(self, value: Any, path: Path, ctx: Ctx) -> Bound:
        if isinstance(value, Mapping):
            standard, simpler = value.get(STANDARD, ""), value.get(SIMPLER, "")
        else:
            standard, simpler = ("" if value in (None, MISSING) else value), ""
        bound = ctx.bound(self, value, path)
        bound.children = [
            ctx.bound(TextNode(), standard, (*path, STANDARD)),
            ctx.bound(TextNode(), simpler, (*path, SIMPLER)),
        ]
        bound.children[0].errors += bound.errors  # the field's own errors, at its text
        bound.children[0].help = self.help
        return bound


def leveled(node: TextNode) -> LeveledNode:
    """The text field `node` with a simpler wording beside it."""
    return LeveledNode(
        label=node.label,
        required=node.required,
        default=node.default,
        help=node.help,
        nullable=node.nullable or not node.required,
    )


def prose_places(qt: QuestionType[Any, Any]) -> frozenset[str]:
    """The type's prose fields as the editor builder names fields: dotted, without list
    indices or mapping keys (`choices.*.feedback` is `choices.feedback`)."""
    return frozenset(
        ".".join(part for part in pattern.split(".") if part != "*")
        for pattern in qt.prose_patterns({})
    )


def level_issues(qt: QuestionType[Any, Any], raw_spec: Any, split: Split) -> Iterator[Issue]:
    """The issues of `split` (`raw_spec` split by the validator's level rules) in the words of
    the form: each at the text it is about, saying what to do."""
    prose = list(prose_paths(qt.prose_patterns(raw_spec), raw_spec))
    for loc, _message in split.issues:
        field = next((p for p in prose if tuple(loc[: len(p)]) == tuple(p)), None)
        if field is None:
            yield (
                loc,
                _(
                    "This text is the same for every reader: write it once, "
                    "without a simpler wording."
                ),
            )
            continue
        value = _at(raw_spec, field)
        rest = tuple(loc[len(field) :])
        given = value if isinstance(value, Mapping) else {}
        if rest in ((), (STANDARD,)) and not str(given.get(STANDARD) or "").strip():
            yield (*field, STANDARD), _("Write this text too: a simpler wording goes with it.")
        elif rest in ((), (SIMPLER,)) and not str(given.get(SIMPLER) or "").strip():
            yield (*field, SIMPLER), _("Write the simpler wording, or leave the field out.")
        elif rest == (SIMPLER,):
            yield (
                loc,
                _(
                    "The same text has another simpler wording elsewhere in this question: "
                    "give it the same one."
                ),
            )
        else:
            yield (
                field,
                _("“%(name)s” is not a reading level: write “standard” and “simpler”.")
                % {"name": rest[0] if rest else ""},
            )


def _at(data: Any, path: Iterable[Any]) -> Any:
    for part in path:
        data = data[part]
    return data
