"""The lesson's steps: each kind at most once, in the order of ``STEP_KINDS``, with a quiz
step that places the quiz and holds no activities of its own."""

from __future__ import annotations

from typing import Any

from authoring.package.errors import Loc
from authoring.package.findings import Findings
from authoring.package.rawtree import dicts, get
from authoring.package.schema import STEP_KINDS


def check_steps(raw: Any, findings: Findings) -> None:
    seen: dict[str, Loc] = {}
    latest = -1
    for i, step in dicts(get(raw, "steps")):
        kind = step.get("kind")
        if kind not in STEP_KINDS:
            continue  # reported by check_structure
        loc: Loc = ("steps", i, "kind")
        order = STEP_KINDS.index(kind)
        if kind in seen:
            line = findings.lines.line_of(seen[kind])
            findings.error(loc, f"step '{kind}' appears twice (first on line {line})")
        elif order < latest:
            findings.error(
                loc,
                f"step '{kind}' is out of order: steps go {', '.join(STEP_KINDS)}",
            )
        seen.setdefault(kind, loc)
        latest = max(latest, order)
        if kind == "quiz" and step.get("activities"):
            findings.error(
                ("steps", i, "activities"),
                "the quiz step has no activities: quiz questions go in quiz.items",
            )
    if isinstance(get(raw, "steps"), list) and "quiz" not in seen:
        findings.error(("steps",), "no 'quiz' step: it places the quiz in the lesson")
