"""Parts of a question as pages and reports name them: labels for the ids of a public spec,
and the picks of a stored response. Pure; the question types build them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

Pick = tuple[str, str]  # (part, answer) for item analysis: ("choice", "b"), ("answers.i3", "fact")


@dataclass(frozen=True, slots=True)
class PartLabel:
    """What a page shows for an id of a public spec (a choice, an item, a row, a column, a
    prompt, an option, a word): its text, and the document sentence it is in ("" if none)."""

    id: str
    text: str
    sentence: str = ""

    @property
    def with_sentence(self) -> str:
        """The text, followed by its sentence's id when it is part of a sentence rather than
        the sentence itself: "heroic (s9)"."""
        if self.sentence and self.sentence != self.id:
            return f"{self.text} ({self.sentence})"
        return self.text


class PartLabels(dict[str, PartLabel]):
    """A question's part labels by id, as `QuestionType.part_labels` returns them."""

    def find(self, part_id: str) -> tuple[PartLabel, ...]:
        """The label of a part id; for an id made of others ("row.column", "b.s10"), the labels
        of the ids it is made of, in order. Empty when nothing is labelled."""
        if part_id in self:
            return (self[part_id],)
        return tuple(self[piece] for piece in part_id.split(".") if piece in self)


def labelled(entries: Iterable[Mapping[str, Any]] | None) -> Iterator[PartLabel]:
    """The labels of public-spec entries `{"id", "text" or "label", "sentence"?}`."""
    for entry in entries or ():
        sentence = entry.get("sentence")
        text = entry.get("text") or entry.get("label") or ""
        yield PartLabel(entry["id"], text, sentence if isinstance(sentence, str) else "")


def flatten(value: Any, path: tuple[str, ...] = ()) -> Iterator[Pick]:
    """Every scalar of a JSON value with the path of keys that leads to it, dotted."""
    if isinstance(value, dict):
        for key in value:
            yield from flatten(value[key], (*path, str(key)))
    elif isinstance(value, list):
        for element in value:
            yield from flatten(element, path)
    elif value is None or value == "":
        return
    elif isinstance(value, bool):
        yield ".".join(path), "true" if value else "false"
    else:
        yield ".".join(path), " ".join(str(value).split())
