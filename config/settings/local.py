"""Local development: DEBUG on, a throwaway secret, demo passwords allowed."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", "local-development-only-not-secret")

from .base import *  # noqa: F403

DEMO_PASSWORDS = True
