"""The production cache path against a real Redis: the backend that keeps its clients, the
one-round-trip window counter behind the throttles (which also fetches the portal key), a
forged key that cannot spend a real key's budget, and the progress tokens."""

import os

import pytest
import redis
from django.core.cache import cache, caches

from content.caching import window_counter
from lms.services import progress_cache
from lms.services.progress_version import member_with_progress_version
from tests.api.conftest import key_client, portal_key

REDIS_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")

pytestmark = pytest.mark.redis


@pytest.fixture
def redis_cache(settings):
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.ConnectionError as error:
        pytest.skip(f"needs Redis at {REDIS_URL} ({error}); start it with redis-server or set REDIS_TEST_URL")
    settings.CACHES = {"default": {"BACKEND": "content.caching.redis_backend.RedisCache", "LOCATION": REDIS_URL}}
    cache.clear()
    yield caches["default"]
    cache.clear()


def test_the_backend_keeps_one_client_per_pool(redis_cache):
    client = redis_cache._cache.get_client(write=True)
    assert redis_cache._cache.get_client(write=True) is client
    redis_cache.set("answer", {"value": 42})
    assert redis_cache.get("answer") == {"value": 42}


def test_a_window_counter_counts_in_one_round_trip_and_expires(redis_cache):
    redis_cache.set("row", {"prefix": "abc"})
    assert [window_counter.count("calls", 30, ["row", "absent"]) for _ in range(2)] == [
        (1, {"row": {"prefix": "abc"}}),
        (2, {"row": {"prefix": "abc"}}),
    ]
    assert window_counter.count("calls", 30) == (3, {})
    raw = redis_cache._cache.get_client(write=True)
    ttl = raw.ttl(redis_cache.make_and_validate_key("calls"))
    assert 0 < ttl <= 30, "the expiry is set once, when the window opens"
    assert redis_cache.get("calls") == 3, "readable through the cache API"


def test_a_portal_key_is_throttled_on_redis(redis_cache, db, settings):

    settings.LMS = {"API_THROTTLE_RATES": {"portal": "2/min", "learner": "2/min", "anonymous": "2/min"}}
    key = portal_key("Redis portal", ["catalog:read"])
    prefix = key.partition(".")[0]
    forged = key_client(f"{prefix}.{'x' * 32}")
    assert [forged.get("/api/v1/catalog/").status_code for _ in range(3)] == [401, 401, 401]
    client = key_client(key)
    codes = [client.get("/api/v1/catalog/").status_code for _ in range(3)]
    assert codes == [200, 200, 429], "the forged requests spent none of the real key's budget"


def test_progress_tokens_on_redis_refuse_an_answer_older_than_a_change(redis_cache, learner_a):
    ref = ("member_id", "A-1")
    member = member_with_progress_version(member_id="A-1")
    progress_cache.store(progress_cache.look_up(ref), member, '"e"', b"{}")
    lookup = progress_cache.look_up(ref)
    progress_cache.store(lookup, member, '"e"', b"{}")
    assert progress_cache.look_up(ref).fresh
    progress_cache.member_changed(member.pk)
    assert not progress_cache.look_up(ref).fresh
