"""A question of a draft in the editors' form (`quizzes.editors`), checked by the package
validator where it stands in the draft, so an error the validator finds (a sentence id that
does not exist, a skill the lesson does not teach) shows at the editor's field too."""

import copy
import re
from collections.abc import Iterable

from authoring.package.files import package_files_validate
from lessons.markdown import render_markdown
from lessons.models import Skill
from quizzes.editors import item_preview_html

from .models import Draft
from .package import STEP_KINDS, FieldError, draft_files
from .selectors import draft_sentences

_PART = re.compile(r"\.?([A-Za-z_][\w-]*)|\[(\d+)\]")


def path_parts(path: str) -> tuple:
    """`spec.choices[1].text` as ("spec", "choices", 1, "text")."""
    return tuple(int(i) if i else name for name, i in _PART.findall(path))


def item_path(tree: dict, place: str, index: int) -> str:
    """The YAML path of a question of `place` (a step kind or "quiz") at `index`."""
    if place == "quiz":
        return f"quiz.items[{index}]"
    kinds = [step.get("kind") for step in tree.get("steps") or []]
    return f"steps[{kinds.index(place)}].activities[{index}]"


def place_exists(tree: dict, place: str) -> bool:
    if place == "quiz":
        return True
    return place in STEP_KINDS and any(s.get("kind") == place for s in tree.get("steps") or [])


def items_of(tree: dict, place: str) -> list:
    if place == "quiz":
        return tree.setdefault("quiz", {}).setdefault("items", [])
    step = next(s for s in tree.get("steps") or [] if s.get("kind") == place)
    return step.setdefault("activities", [])


def item_checker(draft: Draft, place: str, index: int | None):
    """`check_item` for the editor: the package validator on the draft with this item in
    place; its errors inside the item, as (path inside the item, message)."""

    def check(item: dict) -> Iterable[tuple[tuple, str]]:
        tree = copy.deepcopy(draft.tree)
        items = items_of(tree, place)
        at = len(items) if index is None or index >= len(items) else index
        if at == len(items):
            items.append(item)
        else:
            items[at] = item
        prefix = item_path(tree, place, at)
        files = draft_files(tree=tree, document=draft.document, files=draft.files)
        for error in map(FieldError.of, package_files_validate(files)):
            if error.path.startswith(prefix + ".") or error.path == prefix:
                yield path_parts(error.path[len(prefix) :]), error.message

    return check


def editor_options(draft: Draft) -> dict:
    """What every editor of the draft needs: the sentences, the lesson's skills, the ids
    citations and `sources:` may name."""
    taught = set(draft.tree.get("skills") or [])
    citable = [
        str(entry.get("id"))
        for key in ("references", "sources")
        for entry in draft.tree.get(key) or []
        if isinstance(entry, dict) and entry.get("id")
    ]
    return {
        "sentences": [row.sentence for row in draft_sentences(draft=draft)],
        "skills": [(key, label) for key, label in Skill.choices if key in taught],
        "source_ids": citable,
    }


def draft_preview_steps(draft: Draft, request) -> list[dict]:
    """Each step of the draft as students will see it: its title, its text, the document
    where the step shows it, and each question through its type's own template."""
    sentences = editor_options(draft)["sentences"]
    quiz = draft.tree.get("quiz") or {}
    steps = []
    for step in draft.tree.get("steps") or []:
        kind = step.get("kind")
        items = quiz.get("items") if kind == "quiz" else step.get("activities")
        body = step.get("body")
        body = body.get("standard", "") if isinstance(body, dict) else body
        steps.append(
            {
                "kind": kind,
                "title": step.get("title") or kind,
                "body_html": render_markdown(str(body or "")),
                "document": sentences if kind == "close_reading" else None,
                "questions": [
                    item_preview_html(
                        item, sentences=sentences, request=request, prefix=f"p{kind}{i}"
                    )
                    for i, item in enumerate(items or [])
                    if isinstance(item, dict)
                ],
            }
        )
    return steps
