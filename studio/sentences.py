"""Fixing the sentence split of a draft's document, with the package's own splitter.

A merge or a split never edits the document: it writes the segmentation overrides the format
has (docs/lesson-format.md, "Sentences"), so the draft, the validator and the loader split the
text the same way. Merging sentence n with the next adds n's whole text to `no_break_after`
(or drops the forced break that made it); splitting adds the sentence's words up to the split
point to `break_after`. Pure: text and overrides in, overrides out."""

from dataclasses import dataclass

from authoring.package.segment import Sentence, split_sentences

from .errors import Code, StudioError


@dataclass(frozen=True)
class Overrides:
    no_break_after: tuple[str, ...] = ()
    break_after: tuple[str, ...] = ()

    @classmethod
    def of(cls, source: dict) -> "Overrides":
        raw = source.get("segmentation") or {}
        return cls(
            tuple(str(s) for s in raw.get("no_break_after") or ()),
            tuple(str(s) for s in raw.get("break_after") or ()),
        )

    def as_tree(self) -> dict:
        out = {}
        if self.no_break_after:
            out["no_break_after"] = list(self.no_break_after)
        if self.break_after:
            out["break_after"] = list(self.break_after)
        return out

    def split(self, text: str) -> tuple[Sentence, ...]:
        return split_sentences(
            text, no_break_after=self.no_break_after, break_after=self.break_after
        )


@dataclass(frozen=True)
class SplitPoint:
    """A place inside a sentence where it may be split: after `word`, at `offset`."""

    offset: int
    word: str


def _find(sentences: tuple[Sentence, ...], sentence_id: str) -> int:
    for index, sentence in enumerate(sentences):
        if sentence.id == sentence_id:
            return index
    raise StudioError(Code.UNKNOWN_SENTENCE)


def merge_with_next(text: str, overrides: Overrides, sentence_id: str) -> Overrides:
    """Overrides under which `sentence_id` and the sentence after it are one sentence."""
    sentences = overrides.split(text)
    index = _find(sentences, sentence_id)
    current = sentences[index]
    if index + 1 >= len(sentences) or sentences[index + 1].paragraph != current.paragraph:
        raise StudioError(Code.CANNOT_MERGE)
    forced = tuple(s for s in overrides.break_after if current.text.endswith(s))
    merged = Overrides(
        tuple(dict.fromkeys([*overrides.no_break_after, current.text])),
        tuple(s for s in overrides.break_after if s not in forced),
    )
    if len(merged.split(text)) >= len(sentences):
        raise StudioError(Code.CANNOT_MERGE)
    return merged


def split_points(sentence: Sentence) -> list[SplitPoint]:
    """Every place between two words of the sentence, each named by the word before it."""
    points, start = [], 0
    for index, char in enumerate(sentence.text):
        if char.isspace() and index > start:
            points.append(SplitPoint(index, sentence.text[start:index]))
            start = index + 1
        elif char.isspace():
            start = index + 1
    return points


def split_at(text: str, overrides: Overrides, sentence_id: str, offset: int) -> Overrides:
    """Overrides under which `sentence_id` ends after its first `offset` characters."""
    sentences = overrides.split(text)
    sentence = sentences[_find(sentences, sentence_id)]
    if offset not in {point.offset for point in split_points(sentence)}:
        raise StudioError(Code.CANNOT_SPLIT)
    head = sentence.text[:offset].rstrip()
    split = Overrides(
        tuple(s for s in overrides.no_break_after if s != sentence.text),
        tuple(dict.fromkeys([*overrides.break_after, head])),
    )
    if len(split.split(text)) <= len(sentences):
        raise StudioError(Code.CANNOT_SPLIT)
    return split
