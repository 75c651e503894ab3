"""``lint_package``: run every rule of ``rules.py`` on one package folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from authoring.lint.config import LINT_FILE, read_config
from authoring.lint.rules import RULES, LintInput
from authoring.package.document import read_utf8
from authoring.package.errors import format_path
from authoring.package.rawtree import get
from authoring.package.validate import LESSON_FILE
from authoring.package.yamlload import YamlSyntaxError, load_yaml


@dataclass(frozen=True)
class LintFinding:
    """One thing a reviewer would flag. ``key`` leaves the line out, so an allow-list of
    findings does not change every time a line is added above one."""

    file: str
    line: int | None
    rule: str
    path: str
    message: str

    @property
    def key(self) -> str:
        return (
            f"{self.rule}: {self.path}: {self.message}"
            if self.path
            else f"{self.rule}: {self.message}"
        )

    def render(self, file: str | None = None) -> str:
        where = file if file is not None else self.file
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.key}"


def lint_package(folder: Path | str) -> list[LintFinding]:
    """The findings of every rule on the package in ``folder``, in file order. A package that
    is not valid YAML gets one finding: run ``validate_lessons`` first."""
    folder = Path(folder)
    lesson = folder / LESSON_FILE
    text, problem = read_utf8(lesson) if lesson.is_file() else (None, None)
    if text is None:
        reason = problem.message if problem else "no lesson.yaml"
        return [LintFinding(str(lesson), None, "package", "", f"{reason}: run validate_lessons")]
    try:
        loaded = load_yaml(text)
    except YamlSyntaxError as exc:
        return [
            LintFinding(
                str(lesson), exc.line, "package", "", f"{exc.message}: run validate_lessons"
            )
        ]
    config = read_config(folder)
    document_name = get(loaded.data, "source", "file")
    document = ""
    if isinstance(document_name, str) and (folder / document_name).is_file():
        document = (folder / document_name).read_text(encoding="utf-8", errors="replace")
    data = LintInput(loaded.data, document, config)
    findings = [
        LintFinding(str(folder / LINT_FILE), None, "config", "", p) for p in config.problems
    ]
    for rule in RULES:
        for raw in rule(data):
            if raw.offset is None:
                line = loaded.lines.line_of(raw.loc)
            else:
                string = _at(loaded.data, raw.loc)
                line = loaded.lines.line_in_text(raw.loc, raw.offset, string)
            findings.append(
                LintFinding(str(lesson), line, raw.rule, format_path(raw.loc), raw.message)
            )
    return sorted(findings, key=lambda f: (f.file, f.line or 0, f.rule, f.path, f.message))


def _at(data: object, loc: tuple) -> str:
    for part in loc:
        data = data[part]  # type: ignore[index]
    return data if isinstance(data, str) else ""
