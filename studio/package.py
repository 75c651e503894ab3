"""A draft as a package: its files for the validator and the loader, a new draft's tree, and the
validator's errors placed back at the studio's fields.

The tree is lesson.yaml as data; `draft_files` writes it with PyYAML, so the validator reads
exactly what publishing will load. Errors come back with the YAML path of the mistake
(`steps[2].activities[0].prompt`); each page names the paths its fields hold, and an error goes
to the field holding the longest prefix of its path."""

import base64
import re
import secrets
from dataclasses import dataclass

import yaml
from django.utils.text import slugify

from authoring.package.errors import PackageError
from authoring.package.files import PackageFiles
from authoring.package.yamlload import YamlSyntaxError, load_yaml
from lessons.models import Skill

from .sentences import Overrides

LESSON_FILE = "lesson.yaml"
DOCUMENT_FILE = "document.txt"
STEP_KINDS = (
    "context",
    "sourcing",
    "close_reading",
    "perspective",
    "fact_interpretation",
    "corroboration",
    "quiz",
    "reflection",
)
_MISSING = re.compile(r"^missing field '([^']+)'")


def lesson_yaml(tree: dict) -> bytes:
    return yaml.safe_dump(tree, sort_keys=False, allow_unicode=True, width=100).encode()


def draft_files(*, tree: dict, document: str, files: dict) -> PackageFiles:
    """The package a draft stands for: lesson.yaml, the document, and its other files."""
    out = {name: base64.b64decode(data) for name, data in files.items()}
    out[LESSON_FILE] = lesson_yaml(tree)
    out[str((tree.get("source") or {}).get("file") or DOCUMENT_FILE)] = document.encode()
    return out


def tree_from_files(files: PackageFiles) -> tuple[dict, str, dict]:
    """(tree, document, other files) of a stored package, read as the validator reads it."""
    try:
        tree = load_yaml(files[LESSON_FILE].decode("utf-8-sig")).data
    except (KeyError, UnicodeDecodeError, YamlSyntaxError):
        tree = None
    if not isinstance(tree, dict):
        tree = {}
    name = str((tree.get("source") or {}).get("file") or DOCUMENT_FILE)
    document = files.get(name, b"").decode("utf-8-sig", errors="replace")
    others = {
        path: base64.b64encode(data).decode()
        for path, data in files.items()
        if path not in (LESSON_FILE, name)
    }
    return tree, document, others


def new_slug(title: str) -> str:
    """A fresh lesson id: the title's words and a random tail, so two drafts never collide."""
    base = slugify(title)[:60].strip("-") or "lesson"
    return f"{base}-{secrets.token_hex(3)}"


def new_tree(*, title: str) -> dict:
    """A new lesson around a document: what the format requires, the rest left to the author
    (the validator lists it at its fields), and the quiz step it needs."""
    return {
        "format": 1,
        "slug": new_slug(title),
        "version": 1,
        "title": title,
        "language": "en",
        "skills": [skill.value for skill in Skill],
        "source": {"file": DOCUMENT_FILE, "title": title},
        "steps": [{"kind": "quiz", "title": "Quiz", "activities": []}],
        "quiz": {"title": "Quiz", "settings": {}, "items": []},
        "teacher_guide": {},
    }


def overrides_set(tree: dict, overrides: Overrides) -> None:
    source = tree.setdefault("source", {})
    if overrides.as_tree():
        source["segmentation"] = overrides.as_tree()
    else:
        source.pop("segmentation", None)


@dataclass(frozen=True)
class FieldError:
    path: str
    message: str
    line: int | None = None

    @classmethod
    def of(cls, error: PackageError) -> "FieldError":
        path, message = error.path, error.message
        missing = _MISSING.match(message)
        if missing:  # said of the mapping that lacks it: place it at the missing field itself
            path = f"{path}.{missing.group(1)}" if path else missing.group(1)
        return cls(path, message, error.line)


def place_errors(errors: list[dict], fields: dict[str, str]) -> tuple[dict[str, list], list]:
    """(messages by form field, the rest). `fields` maps a form field to the YAML path it holds;
    an error goes to the field with the longest path that is a prefix of the error's path."""
    by_field: dict[str, list] = {}
    rest = []
    ranked = sorted(fields.items(), key=lambda item: -len(item[1]))
    for error in errors:
        path = error["path"]
        for name, prefix in ranked:
            if path == prefix or path.startswith((prefix + ".", prefix + "[")):
                by_field.setdefault(name, []).append(error)
                break
        else:
            rest.append(error)
    return by_field, rest
