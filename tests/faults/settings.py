"""Settings of the fault tests' servers (manage.py and gunicorn in processes of their own): the
local settings, with DEBUG off from the environment, so that pages and static files are served
as in production, from a collected manifest.

One difference: the manifest's files are not compressed. With brotli importable, whitenoise's
compressing storage took ~15 s to collect (0.7 s without), and what the fault tests check (a
restart, a database outage, two tabs) does not depend on it."""

from config.settings.local import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
