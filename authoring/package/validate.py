"""``validate_package``: read a package folder and report every mistake in it at once.

It runs in three layers, each collecting all its errors and none stopping the others:

1. YAML syntax (the only fatal layer: without a tree there is nothing to check);
2. structure, with the pydantic models of ``schema.py``;
3. meaning: each question's ``spec`` through its question type, references between parts of
   the package, uniqueness, step order.

Layer 3 reads the raw YAML tree defensively rather than the validated model, so that a typo in
one part of the file does not hide a dangling reference in another. Only a package with no
error at all is turned into the plain dataclasses of ``content.py``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from authoring.package import content
from authoring.package.errors import Loc, PackageError, format_path
from authoring.package.schema import (
    SKILL_KEYS,
    STEP_KINDS,
    Lesson,
    MainSource,
    Skills,
    allowed_keys,
)
from authoring.package.segment import Sentence, normalize_newlines, split_sentences
from authoring.package.yamlload import LineMap, YamlSyntaxError, load_yaml
from quizzes.types import Context, registry

LESSON_FILE = "lesson.yaml"

# ``[@hrw-1992]``. Anything up to the closing bracket is taken as the id, so a misspelt or
# malformed citation (``[@a; @b]``) is reported rather than left on the page as text.
CITATION = re.compile(r"\[@([^\]]*)\]")


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
    text, problem = _read_utf8(lesson_file)
    if problem is not None:
        return _failed(folder, problem)
    try:
        loaded = load_yaml(text)
    except YamlSyntaxError as exc:
        return _failed(folder, PackageError(str(lesson_file), exc.line, "", exc.message))
    run = _Run(folder, loaded.data, loaded.lines)
    for duplicate in loaded.duplicate_keys:
        run.error(
            duplicate.loc[:-1],
            f"duplicate key '{duplicate.loc[-1]}' (first on line {duplicate.first_line})",
            line=duplicate.line,
        )
    return run.report()


def _failed(folder: Path, error: PackageError) -> ValidationReport:
    return ValidationReport(path=folder, package=None, errors=(error,))


def _read_utf8(file: Path) -> tuple[str, PackageError | None]:
    """The file's text (a byte-order mark dropped, newlines normalised), or why it has none."""
    data = file.read_bytes()
    try:
        return normalize_newlines(data.decode("utf-8-sig")), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        message = f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8"
        return "", PackageError(str(file), line, "", message)


@dataclass
class _MainText:
    text: str
    sentences: tuple[Sentence, ...]


@dataclass
class _Run:
    """The state of one validation: the raw tree, its lines, and the errors found so far."""

    folder: Path
    raw: Any
    lines: LineMap
    errors: list[PackageError] = field(default_factory=list)
    prepared: dict[Loc, dict[str, Any]] = field(default_factory=dict)

    @property
    def file(self) -> str:
        return str(self.folder / LESSON_FILE)

    def error(self, loc: Loc, message: str, *, line: int | None = None) -> None:
        """Report ``message`` at ``loc``; ``line`` when more precise than the key's line."""
        line = line if line is not None else self.lines.line_of(loc)
        self.errors.append(PackageError(self.file, line, format_path(loc), message))

    # --- the whole run ---------------------------------------------------------------------

    def report(self) -> ValidationReport:
        lesson = self.check_structure()
        main = self.check_main_source()
        skills = self.lesson_skills()
        citable = self.check_citable_ids()
        self.check_question_ids()
        self.check_glossary()
        self.check_citations(citable)
        self.check_steps()
        self.check_standards(skills)
        self.check_questions(skills, main, citable)
        sentences = main.sentences if main else ()
        package = None
        if not self.errors and lesson is not None and main is not None:
            package = _build(self.folder, lesson, main, self.prepared)
        self.errors.sort(key=lambda e: (e.file != self.file, e.file, e.line or 0))
        return ValidationReport(self.folder, package, tuple(self.errors), sentences)

    # --- layer 2: structure ----------------------------------------------------------------

    def check_structure(self) -> Lesson | None:
        if self.raw is None:
            self.error((), "the file is empty")
            return None
        try:
            return Lesson.model_validate(self.raw)
        except ValidationError as exc:
            self.pydantic_errors(exc, (), self.raw, Lesson)
            return None

    def pydantic_errors(
        self, exc: ValidationError, base: Loc, data: Any, model: type[BaseModel] | None
    ) -> None:
        """Report each pydantic error at its place in the file; ``data`` is the raw value that
        was validated, found at ``base``."""
        for err in exc.errors(include_url=False):
            loc = _clean_loc(data, err["loc"])
            kind = err["type"]
            line = self.lines.line_of((*base, *loc))
            if kind == "missing":
                self.error((*base, *loc[:-1]), f"missing field '{loc[-1]}'", line=line)
            elif kind == "extra_forbidden":
                keys = (allowed_keys(model, loc[:-1]) if model else None) or []
                message = f"unknown key '{loc[-1]}'{_did_you_mean(loc[-1], keys)}"
                if keys:
                    message += f" (allowed: {', '.join(keys)})"
                self.error((*base, *loc[:-1]), message, line=line)
            else:
                self.error((*base, *loc), _pydantic_message(err), line=line)

    # --- layer 3: the main source ----------------------------------------------------------

    def check_main_source(self) -> _MainText | None:
        """Read and split the main document; None if it cannot be (errors reported)."""
        try:
            source = MainSource.model_validate(_get(self.raw, "source"))
        except ValidationError:
            return None  # reported by check_structure
        file_loc: Loc = ("source", "file")
        target = (self.folder / source.file).resolve()
        if not target.is_relative_to(self.folder.resolve()):
            self.error(file_loc, f"'{source.file}' must be a file inside the package folder")
            return None
        if not target.is_file():
            self.error(file_loc, f"file '{source.file}' not found beside lesson.yaml")
            return None
        text, problem = _read_utf8(target)
        if problem is not None:
            self.errors.append(problem)
            return None
        if not text.strip():
            self.error(file_loc, f"'{source.file}' is empty")
            return None
        overrides = source.segmentation
        for kind, strings in (
            ("no_break_after", overrides.no_break_after),
            ("break_after", overrides.break_after),
        ):
            for index, string in enumerate(strings):
                if string not in text:
                    loc = ("source", "segmentation", kind, index)
                    self.error(loc, f"{string!r} does not occur in the document")
        sentences = split_sentences(
            text, no_break_after=overrides.no_break_after, break_after=overrides.break_after
        )
        return _MainText(text, sentences)

    def lesson_skills(self) -> frozenset[str] | None:
        """The lesson's skills; None when invalid, and then nothing is checked against them."""
        try:
            return frozenset(TypeAdapter(Skills).validate_python(_get(self.raw, "skills")))
        except ValidationError:
            return None

    # --- layer 3: ids and citations --------------------------------------------------------

    def check_citable_ids(self) -> frozenset[str]:
        """Reference and comparison-source ids share one namespace: both are cited ``[@id]``."""
        places = [
            (("references", i, "id"), item.get("id"))
            for i, item in _dicts(_get(self.raw, "references"))
        ] + [
            (("sources", i, "id"), item.get("id")) for i, item in _dicts(_get(self.raw, "sources"))
        ]
        return self.unique(places, "id")

    def check_question_ids(self) -> None:
        self.unique(
            [((*loc, "id"), q.get("id")) for loc, q in _raw_questions(self.raw)], "question id"
        )

    def check_glossary(self) -> None:
        places: list[tuple[Loc, Any]] = []
        for i, entry in _dicts(_get(self.raw, "glossary")):
            places.append((("glossary", i, "term"), entry.get("term")))
            places.extend(
                (("glossary", i, "aliases", k), alias)
                for k, alias in _enumerate(entry.get("aliases"))
            )
        # "CIS" and "cis" would mark the same words in the document.
        self.unique(places, "glossary term", fold=str.casefold)

    def unique(
        self,
        places: list[tuple[Loc, Any]],
        what: str,
        *,
        fold: Callable[[str], str] | None = None,
    ) -> frozenset[str]:
        """Report every string value already seen earlier in ``places``; return all of them."""
        first: dict[str, Loc] = {}
        values: set[str] = set()
        for loc, raw in places:
            value = _as_text(raw)
            if value is None:
                continue
            values.add(value)
            key = fold(value) if fold else value
            if key in first:
                line = self.lines.line_of(first[key])
                self.error(loc, f"duplicate {what} '{value}' (first on line {line})")
            else:
                first[key] = loc
        return frozenset(values)

    def check_citations(self, citable: frozenset[str]) -> None:
        known = ", ".join(sorted(citable)) or "none: add references or sources"
        for loc, text in _strings(self.raw, ()):
            for match in CITATION.finditer(text):
                cited = match.group(1)
                if cited not in citable:
                    line = self.lines.line_in_text(loc, match.start(), text)
                    hint = _did_you_mean(cited, citable)
                    self.error(
                        loc, f"cites unknown reference '{cited}'{hint} (known: {known})", line=line
                    )

    # --- layer 3: steps, skills, questions -------------------------------------------------

    def check_steps(self) -> None:
        seen: dict[str, Loc] = {}
        latest = -1
        for i, step in _dicts(_get(self.raw, "steps")):
            kind = step.get("kind")
            if kind not in STEP_KINDS:
                continue  # reported by check_structure
            loc: Loc = ("steps", i, "kind")
            order = STEP_KINDS.index(kind)
            if kind in seen:
                line = self.lines.line_of(seen[kind])
                self.error(loc, f"step '{kind}' appears twice (first on line {line})")
            elif order < latest:
                self.error(
                    loc,
                    f"step '{kind}' is out of order: steps go {', '.join(STEP_KINDS)}",
                )
            seen.setdefault(kind, loc)
            latest = max(latest, order)
            if kind == "quiz" and step.get("activities"):
                self.error(
                    ("steps", i, "activities"),
                    "the quiz step has no activities: quiz questions go in quiz.items",
                )
        if isinstance(_get(self.raw, "steps"), list) and "quiz" not in seen:
            self.error(("steps",), "no 'quiz' step: it places the quiz in the lesson")

    def check_standards(self, skills: frozenset[str] | None) -> None:
        for i, standard in _dicts(_get(self.raw, "standards")):
            self.check_skills(("standards", i), standard, skills)

    def check_skills(
        self, loc: Loc, item: Mapping[str, Any], skills: frozenset[str] | None
    ) -> None:
        if skills is None:
            return
        for k, skill in _enumerate(item.get("skills")):
            if skill in SKILL_KEYS and skill not in skills:
                listed = ", ".join(sorted(skills))
                message = f"skill '{skill}' is not among the lesson's skills ({listed})"
                self.error((*loc, "skills", k), message)

    def check_questions(
        self, skills: frozenset[str] | None, main: _MainText | None, citable: frozenset[str]
    ) -> None:
        context = None
        if main is not None:
            sentences = {s.id: s.text for s in main.sentences}
            context = Context(sentences=sentences, source_ids=citable)
        for loc, question in _raw_questions(self.raw):
            self.check_skills(loc, question, skills)
            self.check_spec(loc, question, context)

    def check_spec(self, loc: Loc, question: Mapping[str, Any], context: Context | None) -> None:
        """Validate the spec with the question's type and, when the document could be read,
        its references into the package; keep the prepared spec for the package."""
        key, raw_spec = _as_text(question.get("type")), question.get("spec", {})
        if key is None or not isinstance(raw_spec, dict):
            return  # reported by check_structure
        try:
            qt = registry.get(key)
        except KeyError:  # quizzes.types.UnknownType
            known = sorted(registry.keys())
            hint = _did_you_mean(key, known)
            message = f"unknown question type '{key}'{hint} (known: {', '.join(known)})"
            self.error((*loc, "type"), message)
            return
        spec_loc: Loc = (*loc, "spec")
        try:
            spec = qt.parse_spec(raw_spec)
        except ValidationError as exc:
            self.pydantic_errors(exc, spec_loc, raw_spec, qt.spec_model)
            return
        if context is None:
            return
        issues = qt.check(spec, context)
        for issue_loc, message in issues:
            self.error((*spec_loc, *_clean_loc(raw_spec, issue_loc)), message)
        if not issues:
            self.prepared[loc] = qt.dump_spec(qt.prepare(spec, context))


# --- reading the raw tree defensively ---------------------------------------------------------


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _as_text(value: Any) -> str | None:
    """A scalar as the models read it: numbers become text (``id: 1`` is the id "1")."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _enumerate(value: Any) -> list[tuple[int, Any]]:
    return list(enumerate(value)) if isinstance(value, list) else []


def _dicts(value: Any) -> list[tuple[int, dict[str, Any]]]:
    return [(i, item) for i, item in _enumerate(value) if isinstance(item, dict)]


def _raw_questions(raw: Any) -> Iterator[tuple[Loc, dict[str, Any]]]:
    """Every question mapping in the tree, in lesson order: step activities, then quiz items."""
    for i, step in _dicts(_get(raw, "steps")):
        for j, question in _dicts(step.get("activities")):
            yield ("steps", i, "activities", j), question
    for k, question in _dicts(_get(raw, "quiz", "items")):
        yield ("quiz", "items", k), question


def _strings(value: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _strings(child, (*loc, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _strings(child, (*loc, index))


def _clean_loc(data: Any, loc: Iterable[str | int]) -> Loc:
    """A pydantic location as a path in the raw tree. Pydantic adds steps that are not keys
    (the member of a union it tried, ``function-after[...]``); they are dropped, except at the
    end, where a key that is not in the data is the missing or unknown one."""
    parts = tuple(loc)
    out: list[str | int] = []
    for index, part in enumerate(parts):
        if _has(data, part):
            data = data[part]
        elif index < len(parts) - 1:
            continue
        out.append(part)
    return tuple(out)


def _has(data: Any, part: str | int) -> bool:
    if isinstance(data, dict):
        return part in data
    return isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)


def _did_you_mean(word: Any, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(str(word), list(options), n=1)
    return f": did you mean '{close[0]}'?" if close else ""


def _pydantic_message(err: Mapping[str, Any]) -> str:
    if err["type"] in ("model_type", "dict_type"):
        # Pydantic names the model class here, which means nothing to an author.
        return f"expected a mapping of keys and values (got {_show(err.get('input'))})"
    message = str(err["msg"]).removeprefix("Value error, ")
    if err["type"] in ("value_error", "assertion_error") or "input" not in err:
        return message
    if err["type"].startswith(("invalid_", "too_", "list_")) and err["type"] != "list_type":
        return message
    return f"{message} (got {_show(err['input'])})"


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:57]}..."


# --- the validated package as dataclasses -----------------------------------------------------


def _build(
    folder: Path, lesson: Lesson, main: _MainText, prepared: Mapping[Loc, dict[str, Any]]
) -> content.Package:
    def question(loc: Loc, q: Any) -> content.Question:
        return content.Question(
            id=q.id,
            type=q.type,
            prompt=q.prompt,
            points=q.points,
            skills=tuple(q.skills),
            feedback=content.Feedback(**q.feedback.model_dump()),
            spec=prepared[loc],
        )

    steps = tuple(
        content.Step(
            kind=step.kind,
            title=step.title,
            body=step.body,
            questions=tuple(
                question(("steps", i, "activities", j), q) for j, q in enumerate(step.activities)
            ),
        )
        for i, step in enumerate(lesson.steps)
    )
    source = lesson.source
    return content.Package(
        path=folder,
        format=lesson.format,
        slug=lesson.slug,
        version=lesson.version,
        title=lesson.title,
        language=lesson.language,
        grade_band=lesson.grade_band,
        estimated_minutes=lesson.estimated_minutes,
        summary=lesson.summary,
        objectives=tuple(lesson.objectives),
        skills=tuple(lesson.skills),
        standards=tuple(
            content.Standard(code=s.code, text=s.text, skills=tuple(s.skills))
            for s in lesson.standards
        ),
        references=tuple(content.Reference(**r.model_dump()) for r in lesson.references),
        source=content.MainSource(
            **_plain(source.model_dump(exclude={"segmentation"})),
            text=main.text,
            sentences=main.sentences,
        ),
        sources=tuple(content.ComparisonSource(**_plain(s.model_dump())) for s in lesson.sources),
        glossary=tuple(
            content.GlossaryEntry(term=g.term, aliases=tuple(g.aliases), definition=g.definition)
            for g in lesson.glossary
        ),
        steps=steps,
        quiz=content.Quiz(
            title=lesson.quiz.title,
            settings=content.QuizSettings(**lesson.quiz.settings.model_dump()),
            items=tuple(question(("quiz", "items", k), q) for k, q in enumerate(lesson.quiz.items)),
        ),
        teacher_guide=content.TeacherGuide(**_plain(lesson.teacher_guide.model_dump())),
    )


def _plain(fields: dict[str, Any]) -> dict[str, Any]:
    """Lists as tuples, so the dataclasses stay immutable all the way down."""
    return {k: tuple(v) if isinstance(v, list) else v for k, v in fields.items()}
