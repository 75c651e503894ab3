"""Practice apart from the quiz: a lesson's activities give instant feedback and take retries,
so a quiz item that repeats one is answered before the quiz starts (finding 1 of the December
2026 walk: the key must not reach a student before it is released, by any page)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from authoring.package.errors import Loc
from authoring.package.findings import Findings
from authoring.package.rawtree import as_text, raw_questions


def check_practice_apart(
    raw: Any, findings: Findings, prepared: Mapping[Loc, dict[str, Any]]
) -> None:
    """Report a quiz item that asks what an activity asks: the same type and the same spec
    (once prepared, so a sentence named by id and the same sentence quoted are the same)."""
    practised: dict[tuple[str, str], str] = {}
    for loc, question in raw_questions(raw):
        if loc not in prepared:
            continue  # its spec has errors of its own, reported where they are
        same = (as_text(question.get("type")) or "", json.dumps(prepared[loc], sort_keys=True))
        if loc[0] == "steps":
            practised.setdefault(same, str(question.get("id")))
        elif same in practised:
            findings.error(
                (*loc, "spec"),
                f"asks what activity '{practised[same]}' asks: students practise that one with "
                "instant feedback and retries, so they would know this quiz item's answer. "
                "Ask the quiz item about other sentences or choices",
            )
