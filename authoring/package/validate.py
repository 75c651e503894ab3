"""``validate_package``: read a package folder and report every mistake in it at once.

It runs in three layers, each collecting all its errors and none stopping the others:

1. YAML syntax (the only fatal layer: without a tree there is nothing to check);
2. structure, with the pydantic models of ``schema.py`` (``structure.py``);
3. meaning: the main document (``document.py``), ids and citations (``references.py``), step
   order (``steps.py``), skills (``skills.py``), each question's ``spec`` through its question
   type (``questions.py``), the order choices are shown in (``order.py``), points
   totals against what stores them (``limits.py``); the optional features — parts,
   extensions, figures, the timeline, excerpts (``extras.py``, ``figures.py``).

Layer 3 reads the raw YAML tree defensively (``rawtree.py``) rather than the validated model,
so that a typo in one part of the file does not hide a dangling reference in another. Only a
package with no error at all is turned into the plain dataclasses of ``content.py``
(``build.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from authoring.package import content
from authoring.package.build import build_package
from authoring.package.document import check_main_source, read_utf8
from authoring.package.errors import PackageError
from authoring.package.extras import (
    check_excerpts,
    check_extensions,
    check_figures,
    check_parts,
    check_timeline,
)
from authoring.package.findings import Findings
from authoring.package.limits import check_point_totals
from authoring.package.order import check_fixed_order, check_key_positions
from authoring.package.practice import check_practice_apart
from authoring.package.questions import check_questions
from authoring.package.references import (
    check_citable_ids,
    check_citations,
    check_glossary,
    check_question_ids,
)
from authoring.package.segment import Sentence
from authoring.package.skills import check_standards, lesson_skills
from authoring.package.steps import check_steps
from authoring.package.structure import check_structure
from authoring.package.translations import check_translations
from authoring.package.yamlload import LoadedYaml, YamlSyntaxError, load_yaml

LESSON_FILE = "lesson.yaml"


@dataclass(frozen=True)
class ValidationReport:
    """The outcome for one package folder.

    ``package`` is set only when ``errors`` is empty. ``sentences`` is set whenever the main
    source could be read and split, even if other parts are wrong, so an author can look up
    sentence ids while fixing them.
    """

    path: Path
    package: content.Package | None
    errors: tuple[PackageError, ...]
    sentences: tuple[Sentence, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors


def find_packages(paths: Iterable[Path | str]) -> list[Path]:
    """Package folders named by ``paths``: a package folder itself (it holds lesson.yaml), its
    lesson.yaml, or a folder of packages such as ``seeds/`` (its direct subfolders that hold
    one, sorted). A path that is none of these is returned as it is, so that validating it
    reports why."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.name == LESSON_FILE and path.is_file():
            path = path.parent
        for package in _packages_inside(path) or [path]:
            if package not in found:
                found.append(package)
    return found


def _packages_inside(folder: Path) -> list[Path]:
    if not folder.is_dir() or (folder / LESSON_FILE).is_file():
        return []
    return sorted(child for child in folder.iterdir() if (child / LESSON_FILE).is_file())


def validate_package(path: Path | str) -> ValidationReport:
    """Check the package in folder ``path``; never writes anything, never touches a database."""
    folder = Path(path)
    lesson_file = folder / LESSON_FILE
    if not lesson_file.is_file():
        problem = (
            "no such folder"
            if not folder.exists()
            else "not a lesson package: no lesson.yaml here or in the folders inside it"
        )
        return _failed(folder, PackageError(str(lesson_file), None, "", problem))
    text, problem = read_utf8(lesson_file)
    if problem is not None:
        return _failed(folder, problem)
    try:
        loaded = load_yaml(text)
    except YamlSyntaxError as exc:
        return _failed(folder, PackageError(str(lesson_file), exc.line, "", exc.message))
    return _check(folder, loaded)


def _failed(folder: Path, error: PackageError) -> ValidationReport:
    return ValidationReport(path=folder, package=None, errors=(error,))


def _check(folder: Path, loaded: LoadedYaml) -> ValidationReport:
    """Layers 2 and 3 on a tree that is valid YAML; every check runs, whatever the others find."""
    findings = Findings(str(folder / LESSON_FILE), loaded.lines)
    for duplicate in loaded.duplicate_keys:
        findings.error(
            duplicate.loc[:-1],
            f"duplicate key '{duplicate.loc[-1]}' (first on line {duplicate.first_line})",
            line=duplicate.line,
        )
    raw = loaded.data
    lesson = check_structure(raw, findings)
    main = check_main_source(raw, findings, folder)
    skills = lesson_skills(raw)
    citable = check_citable_ids(raw, findings)
    check_question_ids(raw, findings)
    check_glossary(raw, findings)
    check_citations(raw, findings, citable)
    check_steps(raw, findings)
    check_standards(raw, findings, skills)
    prepared, simpler = check_questions(raw, findings, skills, main, citable)
    check_fixed_order(raw, findings)
    check_key_positions(raw, findings, prepared)
    check_practice_apart(raw, findings, prepared)
    check_point_totals(raw, findings)
    check_parts(raw, findings)
    check_extensions(raw, findings)
    figures = check_figures(raw, findings, folder)
    check_timeline(raw, findings)
    check_excerpts(raw, findings)
    language = lesson.language if lesson is not None else ""
    translation_errors, translations = check_translations(folder, raw, language)
    findings.errors.extend(translation_errors)
    package = None
    if not findings.errors and lesson is not None and main is not None:
        package = build_package(folder, lesson, main, prepared, figures, simpler)
        package = replace(package, translations=translations)
    # The lesson file's errors first, then any other file's (an unreadable document); each by line.
    errors = sorted(findings.errors, key=lambda e: (e.file != findings.file, e.file, e.line or 0))
    return ValidationReport(folder, package, tuple(errors), main.sentences if main else ())
