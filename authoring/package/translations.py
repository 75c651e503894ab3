"""Translation overlays: ``translations/<language>.yaml`` beside ``lesson.yaml`` (format and
rules in docs/lesson-format.md, "Translations"; why overlays:
docs/decisions/0018-lesson-translations.md).

``check_translations`` reads every overlay of a package and reports, each at its file and line:
a language the app does not speak, a target or a text the original does not have, a required
text left out, a citation or a ``___`` blank not kept, and the document's translation missing
its file or its translator. A valid overlay comes back as plain data for the loader
(``LessonTranslationData``): the texts by section, target id and dotted path.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

from authoring.package.document import read_utf8
from authoring.package.errors import Loc, PackageError, format_path
from authoring.package.findings import did_you_mean
from authoring.package.translation_targets import (
    SECTIONS,
    Leaves,
    lesson_targets,
    required,
    timeline_shown_order,
)
from authoring.package.yamlload import LineMap, YamlSyntaxError, load_yaml

FOLDER = "translations"
STATUSES = ("machine-draft", "draft", "reviewed")
TOP_KEYS = ("translator", "status", *SECTIONS, "document")
DOCUMENT_KEYS = ("file", "translator", "title")
CITATION = re.compile(r"\[@([^\]]*)\]")
BLANK = re.compile(r"_{3,}")


@dataclass(frozen=True)
class LessonTranslationData:
    """A checked overlay: ``texts[section][target][path]`` as in translation_targets.py."""

    language: str
    translator: str
    status: str
    texts: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    document_text: str = ""
    document_title: str = ""
    document_translator: str = ""


def app_languages() -> list[str]:
    """The interface's languages, the only ones a lesson may be translated into."""
    return [code for code, _name in settings.LANGUAGES]


@dataclass
class _Overlay:
    file: Path
    lines: LineMap
    errors: list[PackageError]

    def error(self, loc: Loc, message: str) -> None:
        self.errors.append(
            PackageError(str(self.file), self.lines.line_of(loc), format_path(loc), message)
        )


def check_translations(
    folder: Path, raw: Any, lesson_language: str
) -> tuple[list[PackageError], tuple[LessonTranslationData, ...]]:
    """Every overlay in ``folder/translations`` against the lesson tree ``raw``."""
    overlay_folder = folder / FOLDER
    if not overlay_folder.is_dir():
        return [], ()
    errors: list[PackageError] = []
    found: list[LessonTranslationData] = []
    targets = lesson_targets(raw)
    for file in sorted(overlay_folder.glob("*.yaml")):
        data = _check_file(folder, file, raw, targets, lesson_language, errors)
        if data is not None:
            found.append(data)
    return errors, tuple(found)


def _check_file(folder, file, raw, targets, lesson_language, errors):
    language = file.stem
    text, problem = read_utf8(file)
    if problem is not None:
        errors.append(problem)
        return None
    try:
        loaded = load_yaml(text)
    except YamlSyntaxError as exc:
        errors.append(PackageError(str(file), exc.line, "", exc.message))
        return None
    overlay = _Overlay(file, loaded.lines, [])
    for duplicate in loaded.duplicate_keys:
        overlay.error(duplicate.loc, f"duplicate key (first on line {duplicate.first_line})")
    languages = app_languages()
    if language not in languages:
        overlay.errors.append(
            PackageError(
                str(file),
                1,
                "",
                f"'{language}' is not a language of the app ({', '.join(languages)}): "
                "name the file after one",
            )
        )
    elif language == lesson_language:
        overlay.errors.append(
            PackageError(str(file), 1, "", f"the lesson itself is written in '{language}'")
        )
    tree = loaded.data
    if not isinstance(tree, dict):
        overlay.error((), "a translation is a mapping: translator, status and the sections")
        errors.extend(overlay.errors)
        return None
    for key in tree:
        if key not in TOP_KEYS:
            overlay.error((key,), f"unknown key '{key}'{did_you_mean(key, TOP_KEYS)}")
    translator = _text(overlay, tree, ("translator",), required=True)
    status = tree.get("status", "draft")
    if status not in STATUSES:
        overlay.error(("status",), f"status must be one of {', '.join(STATUSES)}")
    texts = {
        section: _check_section(overlay, tree, section, targets[section])
        for section in SECTIONS
        if section in tree
    }
    if "timeline" in texts:  # stored as shown, in date order
        order = timeline_shown_order(raw)
        texts["timeline"] = {str(order[k]): v for k, v in texts["timeline"].items() if k in order}
    document = _check_document(overlay, folder, tree)
    errors.extend(overlay.errors)
    if overlay.errors:
        return None
    return LessonTranslationData(
        language=language,
        translator=translator or "",
        status=status,
        texts={k: v for k, v in texts.items() if v},
        **document,
    )


def _text(overlay: _Overlay, tree: dict, loc: Loc, *, required: bool) -> str | None:
    value = tree.get(loc[-1])
    if value is None:
        if required:
            overlay.error(loc[:-1], f"missing field '{loc[-1]}'")
        return None
    if not isinstance(value, str) or not value.strip():
        overlay.error(loc, "must be a text, not empty")
        return None
    return value


def _leaves(value: Any, path: str, loc: Loc, out: dict[str, tuple[Any, Loc]]) -> None:
    """The overlay's texts inside one target, by dotted path (with where each is written)."""
    if isinstance(value, dict):
        for key, child in value.items():
            _leaves(child, f"{path}.{key}" if path else str(key), (*loc, key), out)
    else:
        out[path] = (value, loc)


def _check_section(overlay: _Overlay, tree: dict, section: str, originals: dict[str, Leaves]):
    given = tree[section]
    if section == "lesson":
        given = {"lesson": given}
    if not isinstance(given, dict):
        overlay.error((section,), "must be a mapping of ids to their translations")
        return {}
    checked: dict[str, dict[str, Any]] = {}
    for target, value in given.items():
        loc: Loc = (section,) if section == "lesson" else (section, target)
        original = originals.get(str(target))
        if original is None:
            hint = did_you_mean(target, originals)
            overlay.error(
                loc, f"unknown id '{target}': the lesson has no such {section[:-1]}{hint}"
            )
            continue
        leaves: dict[str, tuple[Any, Loc]] = {}
        _leaves(value, "", loc, leaves)
        texts = {}
        for path, (text, where) in leaves.items():
            if _check_leaf(overlay, path, text, where, original):
                texts[path] = text
        _check_required(overlay, loc, section, original, leaves)
        checked[str(target)] = texts
    return checked


def _covers(path: str, given: dict) -> bool:
    """A required ``x.standard`` is also given by one text for ``x`` (it serves both levels)."""
    return path in given or (path.endswith(".standard") and path[: -len(".standard")] in given)


def _check_required(overlay, loc, section, original, leaves) -> None:
    missing = sorted(p for p in required(section, original) if not _covers(p, leaves))
    if missing:
        overlay.error(
            loc, f"a translated {section[:-1]} needs every text: missing {', '.join(missing)}"
        )


def _check_leaf(overlay: _Overlay, path: str, text: Any, loc: Loc, original: Leaves) -> bool:
    source = original.get(path)
    if source is None and f"{path}.standard" in original:
        source = original[f"{path}.standard"]  # one text for a field with two levels
    if source is None:
        overlay.error(loc, f"the original has no text '{path}' here{did_you_mean(path, original)}")
        return False
    if isinstance(source, list):
        if not (isinstance(text, list) and len(text) == len(source)):
            overlay.error(loc, f"must be a list of {len(source)} texts, as in the original")
            return False
        return all(_check_text(overlay, s, t, loc) for s, t in zip(source, text, strict=True))
    return _check_text(overlay, source, text, loc)


def _check_text(overlay: _Overlay, source: str, text: Any, loc: Loc) -> bool:
    if isinstance(text, int | float) and not isinstance(text, bool):
        text = str(text)
    if not isinstance(text, str) or not text.strip():
        overlay.error(loc, "must be a text, not empty")
        return False
    ok = True
    cited, kept = Counter(CITATION.findall(source)), Counter(CITATION.findall(text))
    if cited != kept:
        want = " ".join(f"[@{c}]" for c in sorted(cited)) or "none"
        overlay.error(loc, f"keep the original's citations exactly (it cites {want})")
        ok = False
    if len(BLANK.findall(source)) != len(BLANK.findall(text)):
        overlay.error(loc, "keep the original's ___ blanks, as many as it has")
        ok = False
    return ok


def _check_document(overlay: _Overlay, folder: Path, tree: dict) -> dict[str, str]:
    document = tree.get("document")
    if document is None:
        return {}
    if not isinstance(document, dict):
        overlay.error(("document",), "must be a mapping: file, translator, title")
        return {}
    for key in document:
        if key not in DOCUMENT_KEYS:
            overlay.error(
                ("document", key), f"unknown key '{key}'{did_you_mean(key, DOCUMENT_KEYS)}"
            )
    translator = _text(overlay, document, ("document", "translator"), required=True)
    title = _text(overlay, document, ("document", "title"), required=False)
    name = _text(overlay, document, ("document", "file"), required=True)
    if name is None:
        return {}
    path = (folder / FOLDER / name).resolve()
    if not path.is_relative_to(folder.resolve()) or not path.is_file():
        overlay.error(("document", "file"), f"no file '{name}' in {FOLDER}/")
        return {}
    text, problem = read_utf8(path)
    if problem is not None or not (text or "").strip():
        overlay.error(("document", "file"), f"'{name}' must be UTF-8 text, not empty")
        return {}
    return {
        "document_text": text.replace("\r\n", "\n").lstrip("\ufeff"),
        "document_title": title or "",
        "document_translator": translator or "",
    }
