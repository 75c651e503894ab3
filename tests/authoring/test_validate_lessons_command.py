"""``manage.py validate_lessons``: output format, exit status, and no database.

None of these tests is marked for database access, so pytest-django makes any query fail them.
"""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError

from authoring.management.commands.validate_lessons import Command

EXAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "packages" / "example"


def run(*args: str) -> str:
    out = StringIO()
    call_command("validate_lessons", *args, stdout=out)
    return out.getvalue()


def test_valid_package_prints_one_ok_line_with_counts(monkeypatch):
    monkeypatch.chdir(EXAMPLE.parent)
    assert run("example") == "example: OK (12 sentences, 21 questions)\n"


def test_each_error_is_printed_as_file_line_path_message_relative_to_cwd(example_copy, monkeypatch):
    example_copy.edit("          key: [s4]", "          key: [s99]")
    monkeypatch.chdir(example_copy.folder.parent)
    out = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("validate_lessons", str(example_copy.folder), stdout=out)
    line = example_copy.line("key: [s99]")
    assert out.getvalue().splitlines() == [
        f"example/lesson.yaml:{line}: steps[2].activities[2].spec.key[0]: "
        "unknown sentence 's99' (the document has s1 to s12)",
        "example: 1 error",
    ]
    assert raised.value.returncode == 1
    assert str(raised.value) == "1 error in 1 of 1 package"


def test_command_line_exits_with_status_1_when_a_package_has_errors(example_copy, capsys):
    example_copy.edit("        type: true_false", "        type: yes_no")
    with pytest.raises(SystemExit) as exited:
        execute_from_command_line(["manage.py", "validate_lessons", str(example_copy.folder)])
    assert exited.value.code == 1
    captured = capsys.readouterr()
    assert "unknown question type 'yes_no'" in captured.out
    assert "CommandError: 1 error in 1 of 1 package" in captured.err


def test_command_line_exits_with_status_0_when_every_package_is_valid(capsys):
    execute_from_command_line(["manage.py", "validate_lessons", str(EXAMPLE)])
    assert capsys.readouterr().out.endswith("OK (12 sentences, 21 questions)\n")


def test_a_folder_of_packages_is_checked_package_by_package(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    shutil.copytree(EXAMPLE, seeds / "a-good")
    shutil.copytree(EXAMPLE, seeds / "b-broken")
    broken = seeds / "b-broken" / "lesson.yaml"
    broken.write_text(broken.read_text().replace("version: 1\n", "version: one\n"))
    monkeypatch.chdir(tmp_path)
    out = StringIO()
    with pytest.raises(CommandError, match="1 error in 1 of 2 packages"):
        call_command("validate_lessons", "seeds", stdout=out)
    assert out.getvalue().splitlines() == [
        "seeds/a-good: OK (12 sentences, 21 questions)",
        "seeds/b-broken/lesson.yaml:6: version: Input should be a valid integer (got 'one')",
        "seeds/b-broken: 1 error",
    ]


def test_a_path_without_packages_is_an_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("validate_lessons", "empty", stdout=out)
    assert out.getvalue().splitlines() == [
        "empty/lesson.yaml: not a lesson package: no lesson.yaml here or in the folders inside it",
        "empty: 1 error",
    ]


def test_sentences_option_lists_ids_and_texts_by_paragraph(monkeypatch):
    monkeypatch.chdir(EXAMPLE.parent)
    lines = run("--sentences", "example").splitlines()
    assert lines[:5] == [
        "example: sentences",
        "   s1  THE NEW BRIDGE IS OPEN",
        "",
        "   s2  From the Millbrook Courier, Saturday, 6 May 1911",
        "",
    ]
    assert '   s7  Mr. Harlow declared that "the bridge joins not two banks' in "\n".join(lines)
    assert lines[-1] == "example: OK (12 sentences, 21 questions)"


def test_sentences_are_listed_even_when_the_package_has_errors(example_copy):
    example_copy.edit("          key: [s4]", "          key: [s99]")
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("validate_lessons", "--sentences", str(example_copy.folder), stdout=out)
    assert "  s12  Tolls of one cent" in out.getvalue()


def test_command_skips_system_checks_so_it_runs_without_a_database():
    assert Command.requires_system_checks == []
    assert Command.requires_migrations_checks is False


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("  type: Newspaper report (unsigned)\n", "  typ: Newspaper report (unsigned)\n"),
        ("  title: The New Bridge Is Open\n", ""),
        ("  url: null\n  citation:", "  url: 12\n  citation:"),
        ("format: 1\n", "format: one\n"),
    ],
    ids=["misspelt-card-field", "missing-card-field", "card-field-of-wrong-type", "top-level"],
)
def test_sentences_are_listed_even_when_the_source_card_itself_has_mistakes(example_copy, old, new):
    example_copy.edit(old, new)
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("validate_lessons", "--sentences", str(example_copy.folder), stdout=out)
    assert "  s12  Tolls of one cent" in out.getvalue()
