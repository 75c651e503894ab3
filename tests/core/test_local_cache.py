"""core.local_cache: a bounded dict in this process, in front of Django's cache or alone."""

import pytest
from django.core.cache import cache
from django.test.utils import override_settings

from core.local_cache import LocalCache


def test_a_value_is_made_once_then_read_from_the_process():
    local = LocalCache(max_entries=10)
    made = []
    assert local.get_or_make("k", lambda: made.append(1) or "v") == "v"
    assert local.get_or_make("k", lambda: made.append(1) or "other") == "v"
    assert made == [1]


def test_a_full_cache_starts_again_rather_than_growing():
    local = LocalCache(max_entries=3)
    for i in range(3):
        local.set(i, i)
    assert len(local) == 3
    local.set("one more", 1)
    assert len(local) == 1 and local.get(0) is None and local.get("one more") == 1


def test_changed_settings_empty_every_local_cache():
    local = LocalCache(max_entries=3)
    local.set("k", "v")
    with override_settings(LANGUAGE_CODE="ru"):
        assert local.get("k") is None


@pytest.mark.django_db
def test_a_shared_value_is_made_by_one_process_and_read_by_another():
    cache.delete("local-cache-test")
    first, second = LocalCache(max_entries=3), LocalCache(max_entries=3)  # two servers
    assert first.get_or_make_shared("local-cache-test", lambda: ["made"], 60) == ["made"]
    assert cache.get("local-cache-test") == ["made"]
    made = []
    value = second.get_or_make_shared("local-cache-test", lambda: made.append(1) or [], 60)
    assert value == ["made"] and made == []


def test_none_is_a_value_like_any_other():
    local = LocalCache(max_entries=3)
    made = []
    assert local.get_or_make("k", lambda: made.append(1)) is None
    assert local.get_or_make("k", lambda: made.append(1)) is None
    assert made == [1]
