"""Questions (step activities and quiz items): each one's skills, and its ``spec`` checked by
its question type from ``quizzes.types``, including the spec's references into the package
(sentence ids, cited sources). Prose in a spec may be written at two reading levels; the
type checks the spec at each level, and the simpler texts are kept beside the spec."""

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
from quizzes.types import Context, QuestionType, registry
from quizzes.types.levels import spec_at_level, split_levels

# A question's spec without its leveled prose (the standard texts in place), and the simpler
# texts by dotted path (``quizzes.types.levels``).
Prepared = dict[Loc, dict[str, Any]]
Simpler = dict[Loc, dict[str, str]]


def check_questions(
    raw: Any,
    findings: Findings,
    skills: frozenset[str] | None,
    main: MainText | None,
    citable: frozenset[str],
) -> tuple[Prepared, Simpler]:
    """Check every question; return the prepared spec of each one whose spec has no error,
    and its simpler texts, keyed by the question's location."""
    context = None
    if main is not None:
        sentences = {s.id: s.text for s in main.sentences}
        context = Context(sentences=sentences, source_ids=citable)
    prepared: Prepared = {}
    simpler: Simpler = {}
    for loc, question in raw_questions(raw):
        check_skills(findings, loc, question, skills)
        checked = check_spec(findings, loc, question, context)
        if checked is not None:
            prepared[loc], simpler[loc] = checked
    return prepared, simpler


def check_spec(
    findings: Findings, loc: Loc, question: Mapping[str, Any], context: Context | None
) -> tuple[dict[str, Any], dict[str, str]] | None:
    """Validate the spec with the question's type, at each reading level, and, when the
    document could be read, its references into the package; return the prepared spec,
    dumped, and its simpler texts, if it has no error."""
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
    split = split_levels(qt, raw_spec)
    for issue_loc, message in split.issues:
        findings.error((*spec_loc, *issue_loc), message)
    try:
        spec = qt.parse_spec(split.spec)
    except ValidationError as exc:
        report_pydantic_errors(findings, exc, spec_loc, raw_spec, qt.spec_model)
        return None
    if split.issues or not _simpler_fits(findings, spec_loc, qt, split.spec, split.simpler):
        return None
    if context is None:
        return None
    issues = qt.check(spec, context)
    for issue_loc, message in issues:
        findings.error((*spec_loc, *clean_loc(raw_spec, issue_loc)), message)
    if issues:
        return None
    return qt.dump_spec(qt.prepare(spec, context)), split.simpler


def _simpler_fits(
    findings: Findings, loc: Loc, qt: QuestionType, spec: Any, simpler: dict[str, str]
) -> bool:
    """The spec read at the simpler level is valid too (a simpler text too long, say); each
    problem reported at its simpler text."""
    if not simpler:
        return True
    try:
        qt.parse_spec(spec_at_level(spec, simpler, "simpler"))
    except ValidationError as exc:
        for err in exc.errors(include_url=False, include_input=False):
            where = ".".join(str(part) for part in err["loc"])
            suffix = ("simpler",) if where in simpler else ()
            message = str(err["msg"]).removeprefix("Value error, ")
            findings.error((*loc, *err["loc"], *suffix), f"at the simpler level: {message}")
        return False
    return True
