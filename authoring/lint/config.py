"""What a package tells the lint: ``lint.yaml`` beside ``lesson.yaml`` (optional).

```yaml
compare_with:            # research texts the lesson may draw facts from, never sentences
  - reference/khojaly-fact-sheet.md
named_sources: [HRW, Memorial, de Waal]   # names that make a paragraph a sourced claim
forbidden:               # wording a review ruled out, with the reason shown to the author
  - {phrase: "80 to 613", reason: the official figure is not the top of the range}
```

Paths are relative to the package folder and must stay inside it (CI has only the repository).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

LINT_FILE = "lint.yaml"


@dataclass(frozen=True)
class Forbidden:
    phrase: str
    reason: str


@dataclass(frozen=True)
class ReferenceText:
    name: str  # as written in lint.yaml
    text: str


@dataclass(frozen=True)
class LintConfig:
    references: tuple[ReferenceText, ...] = ()
    named_sources: tuple[str, ...] = ()
    forbidden: tuple[Forbidden, ...] = ()
    problems: tuple[str, ...] = field(default=())  # lint.yaml mistakes, reported as findings


def read_config(folder: Path) -> LintConfig:
    """The package's lint settings; a missing ``lint.yaml`` means none."""
    path = folder / LINT_FILE
    if not path.is_file():
        return LintConfig()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        return LintConfig(problems=(f"{LINT_FILE} cannot be read: {exc}",))
    if not isinstance(data, dict):
        return LintConfig(problems=(f"{LINT_FILE} must be a mapping",))
    problems: list[str] = []
    unknown = set(data) - {"compare_with", "named_sources", "forbidden"}
    problems += [f"{LINT_FILE}: unknown key '{key}'" for key in sorted(unknown)]
    references = []
    for name in data.get("compare_with") or []:
        target = (folder / str(name)).resolve()
        if not target.is_relative_to(folder.resolve()) or not target.is_file():
            problems.append(f"{LINT_FILE}: compare_with: no file '{name}' inside the package")
            continue
        references.append(ReferenceText(str(name), target.read_text(encoding="utf-8")))
    forbidden = []
    for entry in data.get("forbidden") or []:
        if isinstance(entry, dict) and entry.get("phrase") and entry.get("reason"):
            forbidden.append(Forbidden(str(entry["phrase"]), str(entry["reason"])))
        else:
            problems.append(f"{LINT_FILE}: forbidden: each entry needs a phrase and a reason")
    names = tuple(str(n) for n in data.get("named_sources") or [])
    return LintConfig(tuple(references), names, tuple(forbidden), tuple(problems))
