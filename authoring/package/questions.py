"""Questions (step activities and quiz items): each one's skills, and its ``spec`` checked by
its question type from ``quizzes.types``, including the spec's references into the package
(sentence ids, cited sources)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from authoring.package.document import MainText
from authoring.package.errors import Loc
from authoring.package.findings import Findings, did_you_mean
from authoring.package.rawtree import as_text, clean_loc, raw_questions
from authoring.package.skills import check_skills
from authoring.package.structure import report_pydantic_errors
from quizzes.types import Context, registry


def check_questions(
    raw: Any,
    findings: Findings,
    skills: frozenset[str] | None,
    main: MainText | None,
    citable: frozenset[str],
) -> dict[Loc, dict[str, Any]]:
    """Check every question; return the prepared spec of each one whose spec has no error,
    keyed by the question's location."""
    context = None
    if main is not None:
        sentences = {s.id: s.text for s in main.sentences}
        context = Context(sentences=sentences, source_ids=citable)
    prepared: dict[Loc, dict[str, Any]] = {}
    for loc, question in raw_questions(raw):
        check_skills(findings, loc, question, skills)
        spec = check_spec(findings, loc, question, context)
        if spec is not None:
            prepared[loc] = spec
    return prepared


def check_spec(
    findings: Findings, loc: Loc, question: Mapping[str, Any], context: Context | None
) -> dict[str, Any] | None:
    """Validate the spec with the question's type and, when the document could be read,
    its references into the package; return the prepared spec, dumped, if it has no error."""
    key, raw_spec = as_text(question.get("type")), question.get("spec", {})
    if key is None or not isinstance(raw_spec, dict):
        return None  # reported by check_structure
    try:
        qt = registry.get(key)
    except KeyError:  # quizzes.types.UnknownType
        known = sorted(registry.keys())
        hint = did_you_mean(key, known)
        message = f"unknown question type '{key}'{hint} (known: {', '.join(known)})"
        findings.error((*loc, "type"), message)
        return None
    spec_loc: Loc = (*loc, "spec")
    try:
        spec = qt.parse_spec(raw_spec)
    except ValidationError as exc:
        report_pydantic_errors(findings, exc, spec_loc, raw_spec, qt.spec_model)
        return None
    if context is None:
        return None
    issues = qt.check(spec, context)
    for issue_loc, message in issues:
        findings.error((*spec_loc, *clean_loc(raw_spec, issue_loc)), message)
    if issues:
        return None
    return qt.dump_spec(qt.prepare(spec, context))
