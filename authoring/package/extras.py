"""Meaning checks of the optional package features (``schema_extras.py``): class periods
(``parts``), extension activities, figures and the steps that show them, the timeline and
source excerpts. Each reads the raw tree defensively, like the other checks in ``validate.py``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from authoring.package.errors import Loc
from authoring.package.figures import read_figure
from authoring.package.findings import Findings, did_you_mean
from authoring.package.rawtree import as_text, dicts, enumerated, get
from authoring.package.references import CITATION, unique
from authoring.package.schema import STEP_KINDS
from authoring.package.schema_extras import is_figure_file

# Quotation marks an author might type around an excerpt; the page adds its own.
_QUOTE_MARKS = "\"'“”\u2018\u2019«»„\u2039\u203a"


def check_parts(raw: Any, findings: Findings) -> None:
    """Every step in exactly one part, and the parts in the order of the steps."""
    parts = dicts(get(raw, "parts"))
    if not parts:
        return
    kinds = [as_text(step.get("kind")) for _i, step in dicts(get(raw, "steps"))]
    seen: dict[str, Loc] = {}
    latest = -1
    for i, part in parts:
        for j, kind in enumerated(part.get("steps")):
            loc: Loc = ("parts", i, "steps", j)
            if kind not in kinds:
                hint = did_you_mean(kind, [k for k in kinds if k])
                findings.error(loc, f"no step '{kind}' in this lesson{hint}")
                continue
            if kind in seen:
                line = findings.lines.line_of(seen[kind])
                findings.error(loc, f"step '{kind}' is already in a part (line {line})")
                continue
            # Steps go in the fixed order of their kinds (a step out of it is reported there).
            if STEP_KINDS.index(kind) < latest:
                findings.error(loc, f"step '{kind}' is out of order: parts follow the steps' order")
            seen[kind] = loc
            latest = max(latest, STEP_KINDS.index(kind))
    missing = [kind for kind in kinds if kind and kind not in seen]
    if missing:
        findings.error(
            ("parts",), f"steps in no part: {', '.join(missing)} (each step is in one part)"
        )


def check_extensions(raw: Any, findings: Findings) -> None:
    """Only step activities are extensions: every class takes the whole quiz."""
    for k, item in dicts(get(raw, "quiz", "items")):
        if item.get("extension") is True:
            findings.error(
                ("quiz", "items", k, "extension"),
                "quiz items cannot be extensions: every student takes the whole quiz",
            )


def check_figures(raw: Any, findings: Findings, folder: Path) -> dict[str, tuple[str, bytes]]:
    """Figure ids unique, files present and safe; returns (media type, bytes) by figure id."""
    figures = dicts(get(raw, "figures"))
    unique(findings, [(("figures", i, "id"), f.get("id")) for i, f in figures], "figure id")
    found: dict[str, tuple[str, bytes]] = {}
    for i, figure in figures:
        name, key = as_text(figure.get("file")), as_text(figure.get("id"))
        if name is None or not is_figure_file(name):
            continue  # reported by check_structure
        result = read_figure(folder, name)
        if isinstance(result, str):
            findings.error(("figures", i, "file"), result)
        elif key is not None:
            found[key] = result
    known = [as_text(f.get("id")) for _i, f in figures]
    for i, step in dicts(get(raw, "steps")):
        for j, ref in enumerated(step.get("figures")):
            if ref not in known:
                listed = ", ".join(k for k in known if k) or "none: add figures"
                hint = did_you_mean(ref, [k for k in known if k])
                findings.error(
                    ("steps", i, "figures", j), f"unknown figure '{ref}'{hint} (known: {listed})"
                )
    return found


def check_timeline(raw: Any, findings: Findings) -> None:
    """Every event cites its source; a step shows the timeline only if there is one."""
    events = dicts(get(raw, "timeline"))
    for i, event in events:
        text = as_text(event.get("text"))
        if text is not None and text.strip() and not CITATION.search(text):
            findings.error(
                ("timeline", i, "text"), "cite the source of this event: add [@id] to its text"
            )
    for i, step in dicts(get(raw, "steps")):
        if step.get("timeline") is True and not events:
            findings.error(("steps", i, "timeline"), "the lesson has no timeline to show")


def check_excerpts(raw: Any, findings: Findings) -> None:
    """Excerpts are the source's words alone: the page puts them in quotation marks."""
    places: list[tuple[Loc, Any]] = [(("source",), get(raw, "source"))]
    places += [(("sources", i), s) for i, s in dicts(get(raw, "sources"))]
    for loc, source in places:
        for k, excerpt in dicts(get(source, "excerpts")):
            quote = as_text(excerpt.get("quote"))
            if (
                quote
                and quote.strip()
                and quote.strip()[0] in _QUOTE_MARKS
                and quote.strip()[-1] in _QUOTE_MARKS
            ):
                findings.error(
                    (*loc, "excerpts", k, "quote"),
                    "write the quotation without quotation marks: the page adds them",
                )
