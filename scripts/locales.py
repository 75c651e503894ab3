"""The message catalogues: extract, compile, and the pseudo-locale (docs/translation.md).

    python scripts/locales.py extract   # `make messages`: refresh locale/*/django.po from the code
    python scripts/locales.py compile   # `make run` / `make test`: the .mo files, when stale
    python scripts/locales.py pseudo    # the tests' pseudo-locale, from the English catalogue

The .mo files are built, never committed: they are derived from the .po files, and a stale
committed .mo would be a second truth. Compiling takes well under a second, so `make run`,
`make test` and the test suite itself (tests/conftest.py) build them whenever a .po is newer.
"""

import re
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
LOCALE_DIR = BASE_DIR / "locale"
LANGUAGES = ("az", "ru", "hy")
# The English catalogue: every msgid with an empty translation, the source of the pseudo-locale
# and what a translator starts from.
SOURCE_LANGUAGE = "en"
PSEUDO_DIR = BASE_DIR / "test-artifacts" / "pseudo-locale"
PSEUDO_LOCALE = "en_XA"
# What makemessages must not read: tools, tests and third-party code.
IGNORE = (".venv/*", "staticfiles/*", "test-artifacts/*", "node_modules/*", "tests/*", "loadtest/*")


def makemessages_args() -> list[str]:
    """The one makemessages command line (file names without line numbers, so that a change
    elsewhere in a file does not touch every catalogue)."""
    args = [sys.executable, "manage.py", "makemessages", "--no-obsolete", "--add-location=file"]
    for code in (SOURCE_LANGUAGE, *LANGUAGES):
        args += ["-l", code]
    for pattern in IGNORE:
        args += ["--ignore", pattern]
    return args


# Each catalogue's header, set after every extraction. Russian has three forms (1, 2-4, 5-20:
# "1 урок, 2 урока, 5 уроков"); Azerbaijani and Armenian count like English in gettext
# practice (one, other), as Django's own catalogues of them do.
HEADERS = {
    "az": ("az", "nplurals=2; plural=(n != 1);"),
    "ru": (
        "ru",
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);",
    ),
    "hy": ("hy", "nplurals=2; plural=(n != 1);"),
    "en": ("en", "nplurals=2; plural=(n != 1);"),
}


def _set_header(po: Path, language: str, plural_forms: str) -> None:
    """Rewrite the header entry (the text up to the first blank line): this project's name,
    the language, UTF-8, the plural forms, and no "fuzzy" flag (msgfmt skips a fuzzy header,
    and with it the charset)."""
    text = po.read_text(encoding="utf-8")
    _head, sep, rest = text.partition("\n\n")
    fields = [
        "Project-Id-Version: Source Lab",
        "Report-Msgid-Bugs-To: ",
        "PO-Revision-Date: 2026-12-05 09:00+0000",
        "Last-Translator: machine draft, awaiting review <>",
        "Language-Team: none yet <>",
        f"Language: {language}",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=UTF-8",
        "Content-Transfer-Encoding: 8bit",
        f"Plural-Forms: {plural_forms}",
    ]
    header = [
        "# Source Lab's interface, " + language + ". See docs/translation.md.",
        'msgid ""',
        'msgstr ""',
        *(f'"{field}\\n"' for field in fields),
    ]
    po.write_text("\n".join(header) + sep + rest, encoding="utf-8")


def extract() -> None:
    subprocess.run(makemessages_args(), cwd=BASE_DIR, check=True)  # noqa: S603 - our argv
    for code, (language, plural_forms) in HEADERS.items():
        _set_header(LOCALE_DIR / code / "LC_MESSAGES/django.po", language, plural_forms)


def msgfmt(*args: str) -> subprocess.CompletedProcess:
    """GNU gettext's msgfmt (scripts/ensure-gettext.sh installs it); raises when it fails."""
    return subprocess.run(["msgfmt", *args], check=True)  # noqa: S603, S607 - fixed argv


def _stale(mo: Path, po: Path) -> bool:
    return not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime


def compile_catalogues(*, force: bool = False) -> None:
    """Each locale/<lang>/LC_MESSAGES/*.po to its .mo, checked (`msgfmt -c --check-format`)."""
    for po in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if force or _stale(mo, po):
            msgfmt("--check-format", "-c", "-o", str(mo), str(po))


# --- the pseudo-locale -------------------------------------------------------------------------

# Kept as they are: placeholders, HTML tags and entities.
_KEEP = re.compile(
    r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdif%]|\{[^{}]*\}|<[^<>]+>|&[#a-zA-Z0-9]+;"
)
_ACCENTS = str.maketrans(
    "abcdeghijklnoprstuwyzABCDEGHIJKLNOPRSTUWYZ",
    "åƀçðéĝĥîĵķļñöþŕšţûŵýžÅƁÇÐÉĜĤÎĴĶĻÑÖÞŔŠŢÛŴÝŽ",
)
OPEN, CLOSE = "[!! ", " !!]"


def pseudo_translate(text: str) -> str:
    """ "Source" -> "[!! Šöûŕçé !!]": letters accented, placeholders and markup kept."""
    if not text.strip():
        return text
    out, last = [], 0
    for match in _KEEP.finditer(text):
        out.append(text[last : match.start()].translate(_ACCENTS))
        out.append(match.group())
        last = match.end()
    out.append(text[last:].translate(_ACCENTS))
    return OPEN + "".join(out) + CLOSE


def _django_catalogues() -> list[Path]:
    """Django's own English catalogues of the parts our pages show (form errors, dates)."""
    import django

    root = Path(django.__file__).parent
    return [
        root / "conf/locale/en/LC_MESSAGES/django.po",
        root / "contrib/auth/locale/en/LC_MESSAGES/django.po",
    ]


def pseudo() -> Path:
    """The pseudo-locale's catalogue, generated from the English one (never hand-written)."""
    import polib

    sources = [LOCALE_DIR / SOURCE_LANGUAGE / "LC_MESSAGES/django.po", *_django_catalogues()]
    target_dir = PSEUDO_DIR / PSEUDO_LOCALE / "LC_MESSAGES"
    mo = target_dir / "django.mo"
    if mo.exists() and all(mo.stat().st_mtime >= s.stat().st_mtime for s in sources):
        return mo
    catalogue = polib.POFile()
    catalogue.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": "en-XA",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    seen = set()
    for source in sources:
        for entry in polib.pofile(str(source)):
            key = (entry.msgctxt, entry.msgid)
            if key in seen or entry.obsolete:
                continue
            seen.add(key)
            new = polib.POEntry(msgctxt=entry.msgctxt, msgid=entry.msgid)
            if entry.msgid_plural:
                new.msgid_plural = entry.msgid_plural
                new.msgstr_plural = {
                    0: pseudo_translate(entry.msgid),
                    1: pseudo_translate(entry.msgid_plural),
                }
            else:
                new.msgstr = pseudo_translate(entry.msgid)
            new.flags = [f for f in entry.flags if f.endswith("-format")]
            catalogue.append(new)
    target_dir.mkdir(parents=True, exist_ok=True)
    po = target_dir / "django.po"
    catalogue.save(str(po))
    msgfmt("--check-format", "-o", str(mo), str(po))
    return mo


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else ""
    if command == "extract":
        extract()
    elif command == "compile":
        compile_catalogues(force="--force" in argv)
    elif command == "pseudo":
        pseudo()
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
