"""Tests: fast hashers, no DEBUG, plain static storage (no collectstatic needed)."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")

from .base import *  # noqa: F403

DEBUG = False
DEMO_PASSWORDS = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# The pseudo-locale (docs/translation.md): every string from a catalogue comes out wrapped and
# accented, so a browser test can see any interface text that is not translated. Its catalogue
# is generated from the English one (scripts/pseudo_locale.py) into test-artifacts/; "en-XA"
# is the pseudo-locale code Android and Chromium use, and its lang attribute stays valid.
from django.conf.locale import LANG_INFO  # noqa: E402

PSEUDO_LANGUAGE = "en-xa"
LANGUAGES = [*LANGUAGES, (PSEUDO_LANGUAGE, "Pseudo-locale")]  # noqa: F405
LOCALE_PATHS = [*LOCALE_PATHS, BASE_DIR / "test-artifacts" / "pseudo-locale"]  # noqa: F405
LANG_INFO[PSEUDO_LANGUAGE] = {
    "bidi": False,
    "code": PSEUDO_LANGUAGE,
    "name": "Pseudo-locale",
    "name_local": "[!! Pŝéûðö !!]",
}
