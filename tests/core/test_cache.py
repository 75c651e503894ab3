"""The Redis cache (core/cache.py): one client per connection pool, against a real Redis."""

import uuid

import pytest
import redis

from core.cache import RedisCache

URL = "redis://127.0.0.1:6379/14"


@pytest.fixture
def cache():
    # The machine's Redis (README: PostgreSQL and Redis on 127.0.0.1); without it this fails.
    redis.Redis.from_url(URL, socket_connect_timeout=1).ping()
    cache = RedisCache(URL, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    yield cache
    cache.clear()


def test_every_operation_reuses_one_client_per_pool(cache):
    client = cache._cache.get_client(write=True)

    assert cache._cache.get_client() is client
    assert cache._cache.get_client("a key", write=True) is client


def test_values_round_trip_through_redis(cache):
    cache.set("answer", {"choice": "b"}, 30)
    cache.set_many({"one": 1, "two": [2]}, 30)

    assert cache.get("answer") == {"choice": "b"}
    assert cache.get_many(["one", "two", "missing"]) == {"one": 1, "two": [2]}
    assert cache.incr("one") == 2
    assert cache.add("answer", "other") is False
    cache.delete("answer")
    assert cache.get("answer", "gone") == "gone"
