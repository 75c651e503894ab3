"""What a lesson's translation overlay may translate: every translatable text of the original
``lesson.yaml``, by target (a step, a question, a glossary term...) and by field path inside it.

A target is named by the id the package already gives it (a step's kind, a question's id, a
glossary term, a source's or figure's id), or by its number as written, from 1, where it has
none (parts, timeline events). Inside a target a path is dotted: ``prompt``,
``body.simpler``, ``spec.choices.b.text`` (a list of mappings with ``id`` is addressed by id).
Reads the raw tree defensively, like the other meaning checks (``rawtree.py``).
"""

from __future__ import annotations

from typing import Any

from authoring.package.rawtree import dicts, get, raw_questions

# Target sections of an overlay, in the order documented (docs/lesson-format.md).
SECTIONS = ("lesson", "steps", "questions", "glossary", "sources", "figures", "parts", "timeline")

# Inside a question's spec: the texts a student reads. Everything else there is what grading
# reads (ids, keys, accepted answers, numbers), or text copied from the document (a span's
# ``text`` beside its ``sentence``), and stays as written.
SPEC_PROSE = frozenset(
    {
        "text",
        "label",
        "prompt",
        "feedback",
        "explanation",
        "feedback_true",
        "feedback_false",
        "sample_answer",
        "paragraph_frame",
        "sentence_starters",
        "unit",
        "standard",
        "simpler",
    }
)
SPEC_NEVER = frozenset({"id", "sentence", "category", "key", "accepted", "within", "sources"})

# Fields a translated target may leave out (the original then shows). Everything else the
# original has is required once the target is translated; a ``.simpler`` text always is
# optional (the translation's one text then serves both levels).
OPTIONAL = {
    "lesson": frozenset({"quiz_title"}),
    "glossary": frozenset({"term"}),
    "sources": frozenset({"title"}),
    "timeline": frozenset({"title", "label"}),
}

Leaves = dict[str, Any]  # dotted path -> original text (or list of texts)


def _prose(leaves: Leaves, path: str, value: Any) -> None:
    """A prose field: a text, or ``{standard, simpler}``."""
    if isinstance(value, str):
        leaves[path] = value
    elif isinstance(value, dict):
        for level in ("standard", "simpler"):
            if isinstance(value.get(level), str):
                leaves[f"{path}.{level}"] = value[level]


def spec_leaves(value: Any, path: str, leaves: Leaves, prose: bool = False) -> None:
    """The translatable texts of a question's spec (or a part of it), by dotted path."""
    if isinstance(value, dict):
        copied_span = "sentence" in value
        for key, child in value.items():
            if key in SPEC_NEVER or (copied_span and key == "text"):
                continue
            child_path = f"{path}.{key}"
            child_prose = prose or key in SPEC_PROSE
            if isinstance(child, str) and child_prose:
                leaves[child_path] = child
            elif isinstance(child, list) and child and all(isinstance(c, str) for c in child):
                if child_prose:
                    leaves[child_path] = list(child)
            else:
                spec_leaves(child, child_path, leaves, key in SPEC_PROSE)
    elif isinstance(value, list):
        for _index, item in dicts(value):
            if isinstance(item.get("id"), str | int) and not isinstance(item.get("id"), bool):
                spec_leaves(item, f"{path}.{item['id']}", leaves, prose)


def _question(question: dict[str, Any]) -> Leaves:
    leaves: Leaves = {}
    _prose(leaves, "prompt", question.get("prompt"))
    feedback = question.get("feedback")
    if isinstance(feedback, dict):
        for state in ("correct", "partial", "incorrect"):
            _prose(leaves, f"feedback.{state}", feedback.get(state))
    spec_leaves(question.get("spec"), "spec", leaves)
    return leaves


def _fields(item: dict[str, Any], names: tuple[str, ...]) -> Leaves:
    leaves: Leaves = {}
    for name in names:
        _prose(leaves, name, item.get(name))
    return leaves


def lesson_targets(raw: Any) -> dict[str, dict[str, Leaves]]:
    """Every translatable target of the lesson tree ``raw``: section -> target id -> leaves."""
    targets: dict[str, dict[str, Leaves]] = {section: {} for section in SECTIONS}
    targets["lesson"]["lesson"] = _fields(
        raw if isinstance(raw, dict) else {}, ("title", "summary")
    )
    _prose(targets["lesson"]["lesson"], "quiz_title", get(raw, "quiz", "title"))
    for _i, step in dicts(get(raw, "steps")):
        if isinstance(step.get("kind"), str):
            targets["steps"][step["kind"]] = _fields(step, ("title", "body"))
    for _loc, question in raw_questions(raw):
        if isinstance(question.get("id"), str):
            targets["questions"][question["id"]] = _question(question)
    for _i, entry in dicts(get(raw, "glossary")):
        if isinstance(entry.get("term"), str):
            targets["glossary"][entry["term"]] = _fields(entry, ("term", "definition"))
    for _i, source in dicts(get(raw, "sources")):
        if isinstance(source.get("id"), str):
            targets["sources"][source["id"]] = _fields(source, ("title", "summary"))
    for _i, figure in dicts(get(raw, "figures")):
        if isinstance(figure.get("id"), str):
            names = ("alt", "caption", "credit", "long_description")
            targets["figures"][figure["id"]] = _fields(figure, names)
    for i, part in dicts(get(raw, "parts")):
        targets["parts"][str(i + 1)] = _fields(part, ("title", "summary"))
    for i, event in dicts(get(raw, "timeline")):
        targets["timeline"][str(i + 1)] = _fields(event, ("label", "title", "text"))
    return targets


def timeline_shown_order(raw: Any) -> dict[str, int]:
    """Each event's number as written -> its index as shown (in date order; events on the same
    date in the order written), which is how the loader stores the timeline."""
    events = [(i, str(event.get("date", ""))) for i, event in dicts(get(raw, "timeline"))]
    shown = sorted(events, key=lambda pair: pair[1])
    return {str(written + 1): index for index, (written, _date) in enumerate(shown)}


def required(section: str, original: Leaves) -> set[str]:
    """The paths a translation of this target must give."""
    optional = OPTIONAL.get(section, frozenset())
    return {
        path
        for path in original
        if not path.endswith(".simpler") and path.split(".")[0] not in optional
    }
