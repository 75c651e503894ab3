"""The main source document: found beside ``lesson.yaml``, read as UTF-8 and split into the
sentences that questions refer to by id."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from authoring.package.errors import Loc, PackageError
from authoring.package.findings import Findings
from authoring.package.rawtree import get
from authoring.package.schema import Segmentation, Text
from authoring.package.segment import Sentence, normalize_newlines, split_sentences


class _Document(BaseModel):
    """What splitting the document needs of ``source``, read apart from the card's other
    fields: a mistake on the card (reported by check_structure) hides neither the sentence
    ids (``validate_lessons --sentences``) nor the checks of questions against them."""

    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True)
    file: Text
    segmentation: Segmentation = Segmentation()


@dataclass
class MainText:
    text: str
    sentences: tuple[Sentence, ...]


def read_utf8(file: Path) -> tuple[str, PackageError | None]:
    """The file's text (a byte-order mark dropped, newlines normalised), or why it has none."""
    data = file.read_bytes()
    try:
        return normalize_newlines(data.decode("utf-8-sig")), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        message = f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8"
        return "", PackageError(str(file), line, "", message)


def check_main_source(raw: Any, findings: Findings, folder: Path) -> MainText | None:
    """Read and split the main document of the package in ``folder``; None if it cannot be
    (errors reported)."""
    try:
        source = _Document.model_validate(get(raw, "source"))
    except ValidationError:
        return None  # reported by check_structure
    file_loc: Loc = ("source", "file")
    target = (folder / source.file).resolve()
    if not target.is_relative_to(folder.resolve()):
        findings.error(file_loc, f"'{source.file}' must be a file inside the package folder")
        return None
    if not target.is_file():
        findings.error(file_loc, f"file '{source.file}' not found beside lesson.yaml")
        return None
    text, problem = read_utf8(target)
    if problem is not None:
        findings.errors.append(problem)
        return None
    if not text.strip():
        findings.error(file_loc, f"'{source.file}' is empty")
        return None
    overrides = source.segmentation
    for kind, strings in (
        ("no_break_after", overrides.no_break_after),
        ("break_after", overrides.break_after),
    ):
        for index, string in enumerate(strings):
            if string not in text:
                loc = ("source", "segmentation", kind, index)
                findings.error(loc, f"{string!r} does not occur in the document")
    sentences = split_sentences(
        text, no_break_after=overrides.no_break_after, break_after=overrides.break_after
    )
    return MainText(text, sentences)
