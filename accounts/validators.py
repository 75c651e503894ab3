"""Usernames made of characters that look like only themselves.

Django's default (`UnicodeUsernameValidator`) accepts any Unicode letter, so "amira" spelt
with a Cyrillic "a" (U+0430) and "amira" are two accounts a teacher cannot tell apart on a
roster. Usernames are therefore ASCII letters, digits and `.` `_` `-`; the refusal names each
character that is not allowed, with its Unicode name, so a pupil whose keyboard was on another
layout sees why.
The model field, the sign-up form and `user_create` all use this one validator."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ALLOWED = re.compile(r"[A-Za-z0-9._-]+", re.ASCII)
HELP_TEXT = gettext_lazy(
    "Letters a-z, digits and . _ - only (no spaces, accents or other alphabets)."
)


def _describe(char: str) -> str:
    name = unicodedata.name(char, f"U+{ord(char):04X}").lower()
    shown = char if char.isprintable() and not char.isspace() else ""
    return f"“{shown}” ({name})" if shown else name


@deconstructible
class UsernameValidator:
    code = "invalid"

    def __call__(self, value: str) -> None:
        if ALLOWED.fullmatch(value or ""):
            return
        bad = list(dict.fromkeys(char for char in value if not ALLOWED.fullmatch(char)))
        message = _(
            "Enter a valid username: use only the letters a-z and A-Z, digits and . _ - "
            "(no spaces, no accents, no letters from other alphabets)."
        )
        if bad:
            message += " " + _("Not allowed: %(chars)s.") % {
                "chars": ", ".join(_describe(char) for char in bad[:5])
            }
        raise ValidationError(message, code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UsernameValidator)

    def __hash__(self) -> int:
        return hash(UsernameValidator)
