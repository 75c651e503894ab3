"""The message catalogues in locale/: well-formed, complete, with the right plural forms, and
up to date with the code (an unmarked or new string is caught here, not by a reader).

After strings change: `make messages`, translate what is new (docs/translation.md)."""

import importlib.util
import shutil
import subprocess
import tempfile
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

ROOT = Path(settings.BASE_DIR)
_spec = importlib.util.spec_from_file_location("locales", ROOT / "scripts/locales.py")
locales = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(locales)

TRANSLATED = locales.LANGUAGES  # az, ru, hy
CATALOGUES = {code: ROOT / "locale" / code / "LC_MESSAGES/django.po" for code in TRANSLATED}
FIX = "run `make messages`, then translate the new entries (docs/translation.md)"


@pytest.mark.parametrize("code", [*TRANSLATED, locales.SOURCE_LANGUAGE])
def test_every_catalogue_passes_msgfmts_checks_of_placeholders_and_headers(code):
    po = ROOT / "locale" / code / "LC_MESSAGES/django.po"
    result = subprocess.run(  # noqa: S603 - fixed argv
        ["msgfmt", "-c", "--check-format", "-o", "/dev/null", str(po)],  # noqa: S607
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_catalogue_is_complete_with_no_untranslated_or_fuzzy_entry(code):
    catalogue = polib.pofile(str(CATALOGUES[code]))
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert not untranslated, f"{code}: {len(untranslated)} untranslated: {untranslated[:5]}"
    assert not fuzzy, f"{code}: {len(fuzzy)} fuzzy: {fuzzy[:5]}"


@pytest.mark.parametrize(
    ("code", "forms", "samples"),
    [
        # n -> index of the form: Russian has one form for 1, 21; one for 2-4, 22; one for the rest.
        ("az", 2, {1: 0, 2: 1, 5: 1}),
        ("ru", 3, {1: 0, 21: 0, 2: 1, 4: 1, 22: 1, 5: 2, 11: 2, 12: 2, 14: 2, 25: 2, 111: 2}),
        ("hy", 2, {1: 0, 2: 1, 5: 1}),
    ],
)
def test_plural_forms_are_right_for_each_language(code, forms, samples):
    catalogue = polib.pofile(str(CATALOGUES[code]))
    header = catalogue.metadata["Plural-Forms"]
    assert header.startswith(f"nplurals={forms};")
    expression = header.split("plural=", 1)[1].rstrip(";")
    python = expression.replace("&&", " and ").replace("||", " or ")
    python = _ternary(python)
    for n, index in samples.items():
        assert int(eval(python, {"n": n})) == index, (code, n)  # noqa: S307 - our own header
    for entry in catalogue:
        if entry.msgid_plural:
            assert len(entry.msgstr_plural) == forms, entry.msgid
            assert all(entry.msgstr_plural.values()), entry.msgid


def _ternary(expression: str) -> str:
    """C's `a ? b : c` (right-associative) as Python's `(b if a else c)`."""
    depth, question = 0, -1
    for i, char in enumerate(expression):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "?" and depth == 0:
            question = i
            break
    if question == -1:
        stripped = expression.strip()
        if stripped.startswith("(") and stripped.endswith(")"):
            inner = stripped[1:-1]
            if inner.count("(") == inner.count(")"):
                return "(" + _ternary(inner) + ")"
        return expression
    depth, colon = 0, -1
    nested = 0
    for i in range(question + 1, len(expression)):
        char = expression[i]
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "?" and depth == 0:
            nested += 1
        elif char == ":" and depth == 0:
            if nested == 0:
                colon = i
                break
            nested -= 1
    condition, then, other = (
        expression[:question],
        expression[question + 1 : colon],
        expression[colon + 1 :],
    )
    return f"(({_ternary(then)}) if ({condition}) else ({_ternary(other)}))"


def test_the_committed_catalogues_hold_every_string_of_the_code(monkeypatch):
    """makemessages into a temporary folder: any msgid it finds that a catalogue lacks is a
    string added or changed since the catalogues were refreshed.

    The folder sits at the project's top: makemessages writes a file's strings to the first
    locale path whose parent holds that file, and locale/ would otherwise win."""
    monkeypatch.chdir(ROOT)
    target = Path(tempfile.mkdtemp(dir=ROOT, prefix=".messages-check-"))
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(settings, "LOCALE_PATHS", [str(target)])
            call_command(
                "makemessages",
                locale=[locales.SOURCE_LANGUAGE],
                ignore_patterns=[*locales.IGNORE, "locale"],
                no_obsolete=True,
                verbosity=0,
            )
        fresh = polib.pofile(str(target / locales.SOURCE_LANGUAGE / "LC_MESSAGES/django.po"))
    finally:
        shutil.rmtree(target)
    wanted = {(e.msgctxt, e.msgid) for e in fresh}
    assert len(wanted) > 500
    for code, path in CATALOGUES.items():
        have = {(e.msgctxt, e.msgid) for e in polib.pofile(str(path)) if not e.obsolete}
        missing = sorted(msgid for _, msgid in wanted - have)
        assert not missing, f"locale/{code} lacks {len(missing)} strings, {FIX}: {missing[:10]}"


def test_the_pseudo_locale_wraps_and_accents_text_but_keeps_placeholders_and_markup():
    out = locales.pseudo_translate('Hello %(name)s, <span data-x="1">%d</span> {count} &amp; 50%%')
    assert out.startswith("[!! ") and out.endswith(" !!]")
    for kept in ("%(name)s", '<span data-x="1">', "%d", "</span>", "{count}", "&amp;", "%%"):
        assert kept in out
    assert "Hello" not in out and "Ĥéļļö" in out


def test_the_pseudo_locale_is_generated_from_the_english_catalogue():
    mo = locales.pseudo()
    catalogue = polib.mofile(str(mo))
    source = {e.msgid for e in polib.pofile(str(ROOT / "locale/en/LC_MESSAGES/django.po"))}
    pseudo = {e.msgid: e.msgstr for e in catalogue if not e.msgid_plural}
    assert source - {""} <= set(pseudo) | {e.msgid for e in catalogue if e.msgid_plural}, (
        "every English msgid has a pseudo-translation"
    )
    assert pseudo["Change language"] == "[!! Çĥåñĝé ļåñĝûåĝé !!]"
