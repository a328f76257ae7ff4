"""Tokens in the default cache that say "this has changed since": a stored rendering or answer
carries the tokens read before its data was read, and is used only while they are current.

A token is a random value, not a counter: one that was evicted and made again cannot equal a
token some stored entry still holds. Replacing happens at once and again when the transaction
commits, so an entry stored in between, from data the open transaction had not yet changed,
loses its token too.
"""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction


def shared():
    """settings.CME_SHARED_CACHE (default False): every server and worker process shares the
    default cache (Redis), so a change one process records is seen by all at once."""
    return getattr(settings, "CME_SHARED_CACHE", False)


def current(keys, found=None):
    """The tokens under `keys`, made where missing; `found` holds any already fetched."""
    found = cache.get_many(keys) if found is None else found
    tokens = []
    for key in keys:
        token = found.get(key)
        if token is None:  # never made, or evicted: a new one, unless another process just made it
            token = uuid.uuid4().hex
            if not cache.add(key, token, None):
                token = cache.get(key, token)
        tokens.append(token)
    return tuple(tokens)


def now_and_on_commit(change):
    change()
    transaction.on_commit(change)


def replace(*keys):
    now_and_on_commit(lambda: cache.set_many({key: uuid.uuid4().hex for key in keys}, None))


def kept(key, token_keys, compute, ttl):
    """compute()'s value, stored under `key` while the tokens under `token_keys` stay current:
    one round trip when stored, the tokens read before compute() runs when not."""
    found = cache.get_many([*token_keys, key])
    tokens = current(token_keys, found)
    entry = found.get(key)
    if entry is not None and entry["tokens"] == tokens:
        return entry["value"]
    value = compute()
    cache.set(key, {"tokens": tokens, "value": value}, ttl)
    return value
