"""``manage.py lint_lesson``: output as ``file:line: rule: path: message``, exit status, keys.

No test here is marked for database access: the lint never touches it."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

LESSON = """\
format: 1
source:
  file: doc.txt
steps:
  - kind: context
    title: Background
    body: |
      The bridge opened on 4 May 1911 [@minutes].

      It cost "a great deal of money", the town said.

      About 1,200 people came.
"""


@pytest.fixture
def package(tmp_path: Path) -> Path:
    folder = tmp_path / "bridge"
    folder.mkdir()
    (folder / "lesson.yaml").write_text(LESSON, encoding="utf-8")
    (folder / "doc.txt").write_text("The bridge cost a great deal of money.\n", encoding="utf-8")
    return folder


def run(*args: str) -> tuple[str, CommandError | None]:
    out = StringIO()
    try:
        call_command("lint_lesson", *args, stdout=out)
    except CommandError as exc:
        return out.getvalue(), exc
    return out.getvalue(), None


def test_each_finding_is_printed_at_its_line_inside_a_block_and_the_exit_status_is_1(
    package, monkeypatch
):
    monkeypatch.chdir(package.parent)
    out, error = run("bridge")
    assert out.splitlines() == [
        "bridge/lesson.yaml:12: citation: steps[0].body: "
        '"About 1,200 people came." states a fact (the number 1,200) but cites no source: '
        "add [@id]",
        "bridge: 1 finding",
    ]
    assert error is not None and error.returncode == 1


def test_a_clean_package_prints_no_findings_and_passes(package, monkeypatch):
    lesson = package / "lesson.yaml"
    lesson.write_text(lesson.read_text().replace("About 1,200 people came.", "Many came."))
    monkeypatch.chdir(package.parent)
    assert run("bridge") == ("bridge: no findings\n", None)


def test_keys_leave_out_file_and_line_for_an_allow_list(package):
    out, error = run("--keys", str(package))
    assert out.splitlines() == [
        'citation: steps[0].body: "About 1,200 people came." states a fact (the number 1,200) '
        "but cites no source: add [@id]"
    ]
    assert error is not None


def test_a_lint_file_naming_a_file_outside_the_package_is_a_finding(package):
    (package / "lint.yaml").write_text("compare_with: [../elsewhere.md]\n", encoding="utf-8")
    out, _ = run("--keys", str(package))
    assert "config: lint.yaml: compare_with: no file '../elsewhere.md' inside the package" in out
