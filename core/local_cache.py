"""Values kept in this process's memory, in front of (or instead of) Django's shared cache.

For what every request of a hot page reads and what costs more to fetch from Redis and unpickle
than to keep: a lesson's contents, the page frame's memoised parts, a question's public spec.
The key must name everything the value depends on (a lesson's `updated_at` for its contents),
so an entry is never read after its source changed and no process can serve a stale one; old
entries simply stop being asked for. Values are shared by every request of the process: read
them, never change them (a page that changes one copies it first). Each cache is bounded, and
emptied when full and when settings change (tests' `override_settings`)."""

from collections.abc import Callable, Hashable
from typing import Any

from django.core.cache import cache
from django.core.signals import setting_changed

_ALL: list["LocalCache"] = []


class LocalCache:
    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._entries: dict[Hashable, Any] = {}
        _ALL.append(self)

    def get(self, key: Hashable, default=None):
        return self._entries.get(key, default)

    def set(self, key: Hashable, value) -> None:
        if len(self._entries) >= self.max_entries:
            self._entries.clear()  # cheaper than an LRU's bookkeeping on every read
        self._entries[key] = value

    def get_or_make(self, key: Hashable, make: Callable[[], Any]):
        """The value under `key`, made by `make()` and kept if there is none."""
        value = self._entries.get(key, _MISSING)
        if value is _MISSING:
            value = make()
            self.set(key, value)
        return value

    def get_or_make_shared(self, key: str, make: Callable[[], Any], timeout: int):
        """The value under `key` from this process, else from Django's cache (shared by the
        app servers), else made by `make()` and kept in both: what every server would
        otherwise make again, and what costs a round trip and an unpickling to fetch."""
        value = self._entries.get(key, _MISSING)
        if value is _MISSING:
            value = cache.get(key, _MISSING)
            if value is _MISSING:
                value = make()
                cache.set(key, value, timeout)
            self.set(key, value)
        return value

    def clear(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


_MISSING = object()


def _clear_all(**_kwargs) -> None:
    for local in _ALL:
        local.clear()


setting_changed.connect(_clear_all, dispatch_uid="core.local_cache")
