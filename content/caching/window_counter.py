"""A request counter per time window in the default cache, for the API throttles.

Django's cache API needs two or three round trips to increment a counter that may not exist
yet (RedisCache.incr checks EXISTS first, then add() on a miss). With Redis, one pipelined round
trip does it: SET the counter to 0 with its expiry only if absent, then INCR, and read any other
keys the caller needs in the same trip. Other backends (the local-memory cache of development
and tests) take the portable path.
"""

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache


def count(key, seconds, fetch=()):
    """Add one to the counter `key` (created at 0, living `seconds`); return the new value and
    {key: value} of the cache keys in `fetch` that are present."""
    cache = caches["default"]
    if isinstance(cache, RedisCache):
        full_key = cache.make_and_validate_key(key)
        fetched = [cache.make_and_validate_key(name) for name in fetch]
        pipeline = cache._cache.get_client(full_key, write=True).pipeline(transaction=False)
        pipeline.set(full_key, 0, ex=seconds, nx=True)
        pipeline.incr(full_key)
        if fetched:
            pipeline.mget(fetched)
        results = pipeline.execute()
        values = zip(fetch, results[2]) if fetched else ()
        return results[1], {name: cache._cache._serializer.loads(value) for name, value in values if value is not None}
    try:
        value = cache.incr(key)
    except ValueError:  # the window's first request, or its counter was evicted
        value = 1 if cache.add(key, 1, seconds) else cache.incr(key)
    return value, cache.get_many(fetch)
