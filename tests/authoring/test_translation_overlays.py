"""The validator's checks of a lesson's translation overlays (translations/<lang>.yaml): each
mistake reported at its file and line, with the package refused."""

# Azerbaijani is written with the dotless ı: not a look-alike of i here.
# ruff: noqa: RUF001, RUF003

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from authoring.package.validate import validate_package

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "packages" / "translated"


@pytest.fixture
def package(tmp_path) -> Path:
    folder = tmp_path / "translated"
    shutil.copytree(FIXTURE, folder)
    return folder


def _overlay(folder: Path, name: str = "az.yaml") -> Path:
    return folder / "translations" / name


def _edit(folder: Path, old: str, new: str, name: str = "az.yaml") -> None:
    file = _overlay(folder, name)
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(folder: Path, needle: str, name: str = "az.yaml") -> int:
    lines = _overlay(folder, name).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if needle in line)


def _rendered(report) -> list[str]:
    return [error.render() for error in report.errors]


def test_the_fixture_and_its_overlay_are_valid_and_carried_to_the_loader():
    report = validate_package(FIXTURE)
    assert report.ok, _rendered(report)
    (translation,) = report.package.translations
    assert translation.language == "az"
    assert translation.status == "machine-draft"
    texts = translation.texts
    assert texts["questions"]["ctx-why"]["spec.choices.wrecks.text"] == "İki gəmi qəzasına görə."
    assert texts["steps"]["context"]["body.simpler"].endswith("[@harbour-board].")
    assert translation.document_text.startswith("Liman işığı")
    assert translation.document_translator == "Machine draft (test fixture)"


def test_an_id_the_original_does_not_have_is_reported_at_its_line(package):
    _edit(package, "  q-opinion:\n", "  q-opinoin:\n")
    report = validate_package(package)
    line = _line_of(package, "q-opinoin:")
    messages = "\n".join(_rendered(report))
    assert f"{_overlay(package)}:{line}: questions.q-opinoin: unknown id 'q-opinoin': " in messages
    assert "did you mean 'q-opinion'?" in messages
    assert report.package is None


def test_a_text_the_original_does_not_have_is_reported(package):
    _edit(package, "trade: {text: Daha", "trade: {txt: Daha")
    messages = "\n".join(_rendered(validate_package(package)))
    line = _line_of(package, "trade: {txt")
    assert (
        f"{_overlay(package)}:{line}: questions.ctx-why.spec.choices.trade.txt: the original "
        "has no text 'spec.choices.trade.txt' here" in messages
    )


def test_a_translated_question_must_translate_every_option_and_its_prompt(package):
    _edit(package, "        trade: {text: Daha çox ticarət üçün.}\n", "")
    _edit(package, "    prompt: Hansı cümlə fikir bildirir?\n", "")
    messages = _rendered(validate_package(package))
    why, opinion = _line_of(package, "ctx-why:"), _line_of(package, "q-opinion:")
    assert (
        f"{_overlay(package)}:{why}: questions.ctx-why: a translated question needs every "
        "text: missing spec.choices.trade.text" in messages
    )
    assert (
        f"{_overlay(package)}:{opinion}: questions.q-opinion: a translated question needs "
        "every text: missing prompt" in messages
    )


def test_a_citation_left_out_of_a_translation_is_reported(package):
    _edit(package, "qayalara dəyirdi [@harbour-board].", "qayalara dəyirdi.")
    messages = "\n".join(_rendered(validate_package(package)))
    line = _line_of(package, "qayalara dəyirdi.")
    assert (
        f"{_overlay(package)}:{line}: steps.context.body.simpler: keep the original's "
        "citations exactly (it cites [@harbour-board])" in messages
    )


def test_a_language_the_app_does_not_speak_is_refused(package):
    _overlay(package).rename(_overlay(package, "fr.yaml"))
    messages = _rendered(validate_package(package))
    assert (
        f"{_overlay(package, 'fr.yaml')}:1: 'fr' is not a language of the app "
        "(en, az, ru, hy, en-xa): name the file after one" in messages
    )


def test_the_document_translation_needs_its_translator(package):
    _edit(package, "  translator: Machine draft (test fixture)\n", "")
    messages = _rendered(validate_package(package))
    line = _line_of(package, "document:")
    assert f"{_overlay(package)}:{line}: document: missing field 'translator'" in messages


def test_one_text_may_serve_both_reading_levels(package):
    _edit(
        package,
        "    body:\n      standard: Gəmilər tez-tez körfəzin girişində quruya otururdu "
        "[@harbour-board].\n      simpler: Gəmilər tez-tez körfəzdə qayalara dəyirdi "
        "[@harbour-board].\n",
        "    body: Gəmilər tez-tez körfəzdə qayalara dəyirdi [@harbour-board].\n",
    )
    report = validate_package(package)
    assert report.ok, _rendered(report)
