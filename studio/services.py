"""Writes on drafts: every change is validated with the package validator and saved, valid or
not, so nothing typed is lost; only `draft_publish` reaches lessons, through the package
loader (a new version; answered questions keep theirs)."""

from dataclasses import asdict

from django.db import transaction

from accounts.models import User
from authoring.imports import lesson_import_files
from authoring.package.files import package_files_validate
from authoring.selectors import lesson_package_files
from authoring.services import LoadResult, PackageInvalid, package_digest
from lessons.models import Lesson, Visibility

from .errors import Code, StudioError
from .models import Draft
from .package import (
    STEP_KINDS,
    FieldError,
    draft_files,
    new_slug,
    new_tree,
    overrides_set,
    tree_from_files,
)
from .sentences import Overrides, merge_with_next, split_at

EMPTY = ("", None, [], {})


def put(mapping: dict, key: str, value) -> None:
    """Set `key`, or drop it when empty: a required field left empty is then reported by the
    validator as missing, at that field."""
    if value in EMPTY:
        mapping.pop(key, None)
    else:
        mapping[key] = value


def draft_files_of(draft: Draft):
    return draft_files(tree=draft.tree, document=draft.document, files=draft.files)


def draft_save(*, draft: Draft) -> Draft:
    """Validate the draft as the package it stands for, keep its errors, save it."""
    errors = package_files_validate(draft_files_of(draft))
    draft.errors = [asdict(FieldError.of(error)) for error in errors]
    draft.save()
    return draft


def draft_create(*, owner: User, text: str, title: str) -> Draft:
    draft = Draft(owner=owner, tree=new_tree(title=title), document=text)
    return draft_save(draft=draft)


def draft_details_save(*, draft: Draft, values: dict, guide: dict) -> Draft:
    """The lesson's own fields (title, summary, objectives, skills...) and the teacher guide."""
    for key, value in values.items():
        put(draft.tree, key, value)
    teacher_guide = draft.tree.setdefault("teacher_guide", {})
    for key, value in guide.items():
        put(teacher_guide, key, value)
    return draft_save(draft=draft)


def draft_sourcing_save(*, draft: Draft, card: dict) -> Draft:
    """The main document's sourcing card; `author`, `publisher`, `date` may be unknown."""
    source = draft.tree.setdefault("source", {})
    for key, value in card.items():
        put(source, key, value)
    return draft_save(draft=draft)


def draft_context_save(*, draft: Draft, references: list[dict], glossary: list[dict]) -> Draft:
    put(draft.tree, "references", references)
    put(draft.tree, "glossary", glossary)
    return draft_save(draft=draft)


def draft_glossary_add(*, draft: Draft, term: str, definition: str) -> Draft:
    """A term chosen in the document (or typed), added to the glossary."""
    entry = {"term": term}
    put(entry, "definition", definition)
    draft.tree.setdefault("glossary", []).append(entry)
    return draft_save(draft=draft)


def draft_steps_save(*, draft: Draft, steps: list[dict], quiz: dict) -> Draft:
    """The steps the lesson has, in the format's order, with their titles and bodies; a step
    left out keeps no activities. `quiz`: the quiz's title and settings."""
    old = {step.get("kind"): step for step in draft.tree.get("steps") or []}
    kept = []
    for kind in STEP_KINDS:
        wanted = next((s for s in steps if s["kind"] == kind), None)
        if wanted is None or not (wanted["include"] or kind == "quiz"):
            continue
        step = {"kind": kind, **{k: v for k, v in old.get(kind, {}).items() if k != "kind"}}
        put(step, "title", wanted["title"])
        put(step, "body", wanted["body"])
        step.setdefault("activities", [])
        kept.append(step)
    draft.tree["steps"] = kept
    target = draft.tree.setdefault("quiz", {})
    put(target, "title", quiz["title"])
    target["settings"] = {k: v for k, v in quiz["settings"].items() if v not in EMPTY}
    target.setdefault("items", [])
    return draft_save(draft=draft)


def question_list(tree: dict, place: str) -> list:
    """The list holding the questions of `place`: "quiz", or a step kind of the draft."""
    if place == "quiz":
        return tree.setdefault("quiz", {}).setdefault("items", [])
    for step in tree.get("steps") or []:
        if step.get("kind") == place and place != "quiz":
            return step.setdefault("activities", [])
    raise StudioError(Code.UNKNOWN_PLACE, status=404)


def draft_question_save(*, draft: Draft, place: str, index: int | None, item: dict) -> int:
    """Add (`index` None) or replace a question; returns its index."""
    items = question_list(draft.tree, place)
    if index is None:
        items.append(item)
        index = len(items) - 1
    elif 0 <= index < len(items):
        items[index] = item
    else:
        raise StudioError(Code.UNKNOWN_PLACE, status=404)
    draft_save(draft=draft)
    return index


def draft_question_delete(
    *, draft: Draft, place: str, index: int, item_id: str | None = None
) -> Draft:
    """Delete the question at `index`; with `item_id` (the id the confirm page showed), only
    if it is still that question: a list changed meanwhile in another tab is refused (409)."""
    items = question_list(draft.tree, place)
    if not 0 <= index < len(items):
        raise StudioError(Code.UNKNOWN_PLACE, status=404)
    found = items[index].get("id") if isinstance(items[index], dict) else None
    if item_id is not None and str(found or "") != item_id:
        raise StudioError(Code.UNKNOWN_PLACE, status=409)
    del items[index]
    return draft_save(draft=draft)


def draft_sentence_merge(*, draft: Draft, sentence_id: str) -> Draft:
    source = draft.tree.setdefault("source", {})
    overrides_set(draft.tree, merge_with_next(draft.document, Overrides.of(source), sentence_id))
    return draft_save(draft=draft)


def draft_sentence_split(*, draft: Draft, sentence_id: str, offset: int) -> Draft:
    source = draft.tree.setdefault("source", {})
    overrides = split_at(draft.document, Overrides.of(source), sentence_id, offset)
    overrides_set(draft.tree, overrides)
    return draft_save(draft=draft)


@transaction.atomic
def draft_publish(*, draft: Draft, actor: User) -> LoadResult:
    """Load the draft as a lesson (a new version when it was published before). A teacher's
    lesson is private to them; a content author's is for the whole school. Refused while the
    validator finds a mistake (nothing is written)."""
    slug = draft.tree.get("slug")
    existing = Lesson.objects.filter(slug=slug).first() if isinstance(slug, str) else None
    if existing is not None and existing.pk != draft.lesson_id:
        raise StudioError(Code.LESSON_TAKEN, status=409)
    version = draft.tree.get("version")
    if draft.lesson_id is not None:  # a new version of the published lesson, if it changed
        if package_digest(draft_files_of(draft)) == draft.lesson.package_digest:
            return LoadResult(draft.lesson.slug, "unchanged")
        draft.tree["version"] = (version if isinstance(version, int) else 0) + 1
    try:
        result = lesson_import_files(draft_files_of(draft), actor=actor)
    except PackageInvalid as invalid:
        put(draft.tree, "version", version)
        draft.errors = [asdict(FieldError.of(error)) for error in invalid.errors]
        draft.save()
        raise StudioError(Code.NOT_VALID) from invalid
    lesson = Lesson.objects.get(slug=slug)
    if lesson.owner_id is None and draft.lesson_id is None:
        lesson.owner = actor
        lesson.visibility = Visibility.SCHOOL if actor.is_author else Visibility.PRIVATE
        lesson.save(update_fields=["owner", "visibility"])
    draft.lesson = lesson
    draft_save(draft=draft)
    return result


def lesson_copy(*, lesson: Lesson, owner: User) -> Draft:
    """A new draft of `owner`'s from a lesson's package: a new lesson once published (its own
    id and version 1), to adapt."""
    tree, document, files = tree_from_files(lesson_package_files(lesson))
    tree["slug"] = new_slug(str(tree.get("title") or lesson.title))
    tree["version"] = 1
    draft = Draft(owner=owner, tree=tree, document=document, files=files)
    return draft_save(draft=draft)
