"""A digest of deployed templates, for cache keys of HTML they render: a deploy that changes
one of them makes new keys, so no process reads HTML drawn by the old template."""

import hashlib
from functools import cache
from pathlib import Path

from django.conf import settings


@cache
def templates_digest(*names: str) -> str:
    """The source of these templates (paths under templates/), as 16 hex digits; read once
    per process, as the cached template loader reads them."""
    digest = hashlib.blake2b(digest_size=8)
    for name in names:
        digest.update((Path(settings.BASE_DIR) / "templates" / name).read_bytes())
    return digest.hexdigest()
