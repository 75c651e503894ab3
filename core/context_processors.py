"""What every page needs to draw the language switcher and its own `lang` and `dir`."""

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language_bidi, get_language_info


def languages(request: HttpRequest) -> dict:
    """`interface_languages`: (code, name in that language) for the switcher, each labelled in
    its own language so a reader finds theirs whatever the page's language;
    `language_dir`: "rtl" or "ltr" for the active language, by settings.LANGUAGES_BIDI
    (Django's LANG_INFO calls Azerbaijani bidi, for its Arabic script; ours is Latin)."""
    return {
        "interface_languages": [
            (code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES
        ],
        "language_dir": "rtl" if get_language_bidi() else "ltr",
    }
