"""WSGI entry point for gunicorn; production settings unless told otherwise."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()

# The URL patterns, cache client and templates load now, not in the first requests.
from config.warmup import warm  # noqa: E402 - needs the settings get_wsgi_application set up

warm()
