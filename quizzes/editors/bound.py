"""What a template receives of one field (`Bound`), and the state one rendering or one
parsing shares (`Ctx`): the form's prefix, the errors by path, the lesson's sentences."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .nodes import Node

Path = tuple[str | int, ...]


def dotted(path: Path) -> str:
    return ".".join(str(part) for part in path)


@dataclass
class Bound:
    """One field as a template draws it. `name` is the form field's name (`q-spec-choices-0-id`),
    `path` the dotted place in the item (`spec.choices.0.id`) that row buttons send back."""

    template: str
    name: str
    id: str
    path: str
    label: str
    value: Any
    required: bool
    help: str = ""
    errors: list[str] = field(default_factory=list)
    children: list[Bound] = field(default_factory=list)
    options: list[tuple[str, str]] = field(default_factory=list)
    explicit: bool = False
    count: int = 0
    ordered: bool = False
    key_name: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def error_id(self) -> str:
        return f"{self.id}-error"

    @property
    def set_name(self) -> str:
        return f"{self.name}--set"

    @property
    def count_name(self) -> str:
        return f"{self.name}--count"


@dataclass
class Ctx:
    prefix: str
    sentences: Sequence[tuple[str, str]] = ()
    errors: Mapping[Path, list[str]] = field(default_factory=dict)
    skills: Sequence[tuple[str, str]] = ()
    # The mappings parsed or bound so far, by path: a field may read an earlier one (a match's
    # key reads its prompts and options, a part's spec the part's type).
    parsed: dict[Path, Any] = field(default_factory=dict)

    def name(self, path: Path, suffix: str = "") -> str:
        base = "-".join((self.prefix, *(str(part) for part in path)))
        return f"{base}--{suffix}" if suffix else base

    def errors_at(self, path: Path) -> list[str]:
        return list(self.errors.get(tuple(path), ()))

    def bound(self, node: Node, value: Any, path: Path) -> Bound:
        name = self.name(path)
        return Bound(
            template=node.template,
            name=name,
            id=f"id-{name}",
            path=dotted(path),
            label=node.label,
            value=value,
            required=node.required,
            help=node.help,
            errors=self.errors_at(path),
        )

    def sibling(self, root: Path, name: str) -> Any:
        """The value of field `name` of the mapping at `root`, as parsed or bound so far."""
        mapping = self.parsed.get(root)
        return mapping.get(name) if isinstance(mapping, dict) else None
