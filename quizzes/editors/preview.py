"""An item as a student sees it in a quiz, and, given a sample answer, the feedback its type
gives: the type's own template and the learning pages' feedback template. Nothing is saved."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from types import SimpleNamespace
from typing import Any

from django.template.loader import render_to_string
from pydantic import ValidationError

from core.levels import SIMPLER, STANDARD, at_level
from lessons.markdown import render_markdown
from quizzes.feedback import feedback_view
from quizzes.types import Context, ResponseError, SpecError, UnknownType, registry
from quizzes.types.levels import prose_at_level, spec_at_level, split_levels

from .editor import _named_sources, sentence_pairs


def _at(level: str, value: Any) -> str:
    """A text of the item (a prompt, a feedback) as a reader at `level` reads it."""
    if isinstance(value, dict):
        return at_level(level, str(value.get(STANDARD, "")), value.get(SIMPLER))
    return str(value or "")


def item_preview_html(
    item: Mapping[str, Any],
    *,
    sentences: Mapping[str, str] | Iterable[Any],
    request: Any = None,
    show_feedback: bool = True,
    data: Any = None,
    prefix: str = "preview",
    response: Mapping[str, Any] | None = None,
    level: str = STANDARD,
) -> str:
    """The item's answer controls as in a quiz (field names `{prefix}-…`); with a sample
    answer (posted `data`, or a raw `response`), the answer shown and, if `show_feedback`,
    the feedback on it; its texts as a reader at `level` reads them (graded the same). An
    item that does not validate renders a notice instead."""
    context: dict[str, Any] = {"prefix": prefix}
    try:
        qt = registry.get(str(item.get("type")))
        # Graded on the standard texts, as a quiz is; shown at the reader's level.
        split = split_levels(qt, item.get("spec", {}))
        raw_spec = split.spec
        ctx = Context(
            sentences=dict(sentence_pairs(sentences)), source_ids=_named_sources(raw_spec)
        )
        spec = qt.prepare(qt.parse_spec(raw_spec), ctx)
        stored = qt.dump_spec(spec)
        public = qt.public_spec(qt.parse_spec(spec_at_level(stored, split.simpler, level)))
    except (UnknownType, ValidationError, SpecError, TypeError, ValueError):
        context["invalid"] = True
        return render_to_string("quizzes/editors/preview.html", context, request)
    if not item.get("fixed_order"):  # as a student sees it: never in the order written
        qt.shuffle(public, random.Random(f"preview:{item.get('id')}"))  # noqa: S311 - order
    raw = qt.parse_form(spec, data, prefix) if data is not None else response
    answer = feedback = error = None
    if raw is not None:
        try:
            parsed = qt.parse_response(raw, spec)
        except ResponseError as exc:
            error = exc.message
        else:
            answer = qt.dump_response(parsed)
            if show_feedback and not qt.is_blank(answer):
                result = qt.grade(spec, parsed).as_dict()
                general = item.get("feedback") or {}
                feedback = feedback_view(
                    state=result["state"],
                    parts=result["parts"],
                    lines=result["feedback"],
                    qtype=qt,
                    public_spec=public,
                    response=answer,
                    question_feedback={k: _at(level, v) for k, v in general.items()},
                    prose=prose_at_level(stored, split.simpler, level),
                    formative=True,
                )
    question = SimpleNamespace(
        uid=prefix,
        prompt_html=render_markdown(_at(level, item.get("prompt"))),
        type=qt.key,
        extension=bool(item.get("extension")),
    )
    context |= {
        "question": question,
        "qtype": qt,
        "spec": public,
        "response": answer if answer is not None else raw,
        "feedback": feedback,
        "error": error,
    }
    return render_to_string("quizzes/editors/preview.html", context, request)
