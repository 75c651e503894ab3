"""The session store with Redis in front (`SESSION_ENGINE` when `REDIS_URL` is set): Django's
`cached_db`, with a login's new session written once.

Against session fixation, `login()` gives the session a new key (`cycle_key`). Django's store
draws a key no session has (a read of the cache and one of the table), writes the session
under it, and the end of the request writes it again with the user in it: four round trips
and a commit more than needed, on every login, all of them at the bell. Here `cycle_key` only
draws the key, and the end of the request inserts the session under it, once. The key is 32
random characters; should one be taken already, the insert fails and another is drawn, as
Django's own `create()` does."""

from django.contrib.sessions.backends.base import VALID_KEY_CHARS, CreateError
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore
from django.utils.crypto import get_random_string


def _key_new() -> str:
    return get_random_string(32, VALID_KEY_CHARS)


class SessionStore(CachedDBStore):
    """`cached_db`, whose new key after a login is written with the session, at the end."""

    _key_unsaved = False

    def cycle_key(self) -> None:
        data = self._session
        old = self.session_key
        self._session_key = _key_new()
        self._session_cache = data
        self._key_unsaved = True
        self.modified = True
        if old:
            self.delete(old)

    def save(self, must_create: bool = False) -> None:
        if not self._key_unsaved:
            super().save(must_create)
            return
        while True:
            try:
                super().save(must_create=True)
            except CreateError:  # the key is taken: draw another
                self._session_key = _key_new()
                continue
            self._key_unsaved = False
            return
