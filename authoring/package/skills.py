"""Skills: a standard or a question may name only skills the lesson itself lists."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import TypeAdapter, ValidationError

from authoring.package.errors import Loc
from authoring.package.findings import Findings
from authoring.package.rawtree import dicts, enumerated, get
from authoring.package.schema import SKILL_KEYS, Skills


def lesson_skills(raw: Any) -> frozenset[str] | None:
    """The lesson's skills; None when invalid, and then nothing is checked against them."""
    try:
        return frozenset(TypeAdapter(Skills).validate_python(get(raw, "skills")))
    except ValidationError:
        return None


def check_standards(raw: Any, findings: Findings, skills: frozenset[str] | None) -> None:
    for i, standard in dicts(get(raw, "standards")):
        check_skills(findings, ("standards", i), standard, skills)


def check_skills(
    findings: Findings, loc: Loc, item: Mapping[str, Any], skills: frozenset[str] | None
) -> None:
    """Report each known skill of ``item`` (found at ``loc``) that the lesson does not list;
    an unknown skill key is reported by check_structure."""
    if skills is None:
        return
    for k, skill in enumerated(item.get("skills")):
        if skill in SKILL_KEYS and skill not in skills:
            listed = ", ".join(sorted(skills))
            message = f"skill '{skill}' is not among the lesson's skills ({listed})"
            findings.error((*loc, "skills", k), message)
