"""Names people read and trust: display names, and (called by classroom) class names.

A name shown to a teacher or a classmate must look like what it is. Unicode lets a name carry
characters that change how the text around it is shown or that show nothing at all: a
right-to-left override (U+202E) shows "Amira" + U+202E + "exe.txt" as "Amiratxt.exe", a
zero-width space (U+200B) makes "Amira" and "Am" + U+200B + "ira" two names that look the
same, and a name made only of Hangul fillers (U+3164) looks empty. `visible_text_clean`
removes them, and refuses a name in which no letter or digit is left.

What is removed: control characters (Unicode category Cc; tabs and line breaks become spaces),
format characters (Cf: bidirectional embeddings, overrides and isolates, zero-width space and
joiners, word joiner, soft hyphen, byte-order mark, tag characters), private-use, surrogate and
unassigned code points (Co, Cs, Cn), and characters that render as blank space although Unicode
files them as letters, marks or symbols (`BLANK_LOOKING`). Spaces of every kind become one
ordinary space; the text is put in Unicode's composed form (NFC), so an "e" followed by a
combining accent (U+0301) and the accented letter typed at once (U+00E9) are the same name.

The joiners also glue some emoji and some scripts' ligatures (Persian writes its zero-width
non-joiner inside words); in a name shown to others, looking the same as another name matters
more, so they go too."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

REMOVED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn"})
SPACE_CATEGORIES = frozenset({"Zs", "Zl", "Zp"})
BLANK_LOOKING = frozenset(
    "\u034f"  # combining grapheme joiner
    "\u115f\u1160\u3164\uffa0"  # Hangul fillers
    "\u17b4\u17b5"  # Khmer inherent vowels, invisible
    "\u2800"  # braille pattern blank
    "\ufe00\ufe01\ufe02\ufe03\ufe04\ufe05\ufe06\ufe07"  # variation selectors
    "\ufe08\ufe09\ufe0a\ufe0b\ufe0c\ufe0d\ufe0e\ufe0f"
) | frozenset(chr(c) for c in range(0xE0100, 0xE01F0))  # variation selectors supplement


def _is_removed(char: str) -> bool:
    return unicodedata.category(char) in REMOVED_CATEGORIES or char in BLANK_LOOKING


def _is_space(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in SPACE_CATEGORIES


def _has_letter_or_digit(text: str) -> bool:
    return any(unicodedata.category(char)[0] in "LN" for char in text)


def visible_text_clean(value: str, field_label: str) -> str:
    """`value` without invisible and direction-changing characters, its spaces collapsed, in
    NFC. Raises ValidationError (code "invisible", naming `field_label`) when no letter or
    digit is left: a name must be seen to be a name."""
    text = unicodedata.normalize("NFC", value)
    kept = [
        " " if _is_space(char) else char
        for char in text
        if _is_space(char) or not _is_removed(char)
    ]
    cleaned = " ".join("".join(kept).split())
    if not _has_letter_or_digit(cleaned):
        raise ValidationError(
            _(
                "%(field)s needs letters or digits you can see, not only spaces or invisible "
                "characters."
            )
            % {"field": field_label},
            code="invisible",
        )
    return cleaned


def display_name_clean(value: str) -> str:
    """A display name (optional: blank stays blank) through `visible_text_clean`."""
    if not value or not value.strip():
        return ""
    return visible_text_clean(value, _("The display name"))


def validate_visible_text(value: str) -> None:
    """Model-field validator: refuses stored text with characters `visible_text_clean` would
    remove, or with no letter or digit, wherever it is written (admin, roster import)."""
    if not value:
        return
    if any(_is_removed(char) for char in value) or any(
        char.isspace() and char != " " for char in value
    ):
        raise ValidationError(
            gettext_lazy(
                "Remove the invisible or control characters (such as zero-width spaces, "
                "text-direction marks or line breaks) from this name."
            ),
            code="invisible",
        )
    if not _has_letter_or_digit(value):
        raise ValidationError(
            gettext_lazy("A name needs letters or digits you can see."), code="invisible"
        )
