"""Portal API keys kept in the shared cache, so authenticating a request costs no query.

A key is found by its public prefix; the stored row's hash is still checked against the
presented key on every request, and its expiry and its portal's active flag and scopes are read
from the row each time. Saving or deleting a key or its portal (revoking, deactivating,
changing scopes) replaces the keys' change token (content/caching/change_tokens.py) at once and again
when the change commits, so the next request, in any server process, sees the change. Keys are
kept only when settings.CME_SHARED_CACHE says every process shares the cache: a per-process
cache could not be told of a revocation.
"""

from typing import NamedTuple

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from content.caching import change_tokens, window_counter

from ..models import PortalAPIKey, PortalClient

TTL = 300
KEYS_TOKEN = "cme:portal-keys:token"  # noqa: S105 (a cache key, not a secret)


def cache_key(prefix):
    return f"cme:portal-key:{prefix}"


class KeyLookup(NamedTuple):
    api_key: PortalAPIKey
    requests: int | None  # the request counter's new value
    prefetched: dict  # {cache key: value or None} for the keys asked for `also`
    token: str | None  # the keys' token the row is valid under


def usable_key(key, counter=None, seconds=None, also=()):
    """A KeyLookup: the unrevoked key row matching `key` (with its portal), or
    PortalAPIKey.DoesNotExist; the request counter `counter` (a cache key living `seconds`)
    advanced, and the cache keys in `also`, all in the one round trip of the key's lookup."""
    if not change_tokens.shared():
        api_key = PortalAPIKey.objects.get_from_key(key)
        return KeyLookup(api_key, window_counter.count(counter, seconds)[0] if counter else None, {}, None)
    prefix = key.partition(".")[0]
    fetch = [cache_key(prefix), KEYS_TOKEN, *also]
    if counter:
        requests, found = window_counter.count(counter, seconds, fetch)
    else:
        requests, found = None, cache.get_many(fetch)
    # The token is read before the database: a row read before a revocation commits can never
    # be stored under the token the revocation set.
    token = change_tokens.current([KEYS_TOKEN], found)[0]
    stored = found.get(cache_key(prefix))
    if stored is not None and stored["token"] == token:
        api_key = stored["row"]
    else:
        api_key = PortalAPIKey.objects.get_usable_keys().get(prefix=prefix)
        cache.set(cache_key(prefix), {"token": token, "row": api_key}, TTL)
    if not api_key.is_valid(key):
        raise PortalAPIKey.DoesNotExist("Key is not valid.")
    return KeyLookup(api_key, requests, {name: found.get(name) for name in also}, token)


def last_use_recorded(lookup):
    """After last_used_at was written with an UPDATE (no signal): the row kept in step, under the
    token it was read under (a change since then has replaced that token)."""
    if lookup.token is not None:
        cache.set(cache_key(lookup.api_key.prefix), {"token": lookup.token, "row": lookup.api_key}, TTL)


@receiver(post_save, sender=PortalAPIKey, dispatch_uid="portal-key-cache-save")
@receiver(post_delete, sender=PortalAPIKey, dispatch_uid="portal-key-cache-delete")
@receiver(post_save, sender=PortalClient, dispatch_uid="portal-client-key-cache-save")
@receiver(post_delete, sender=PortalClient, dispatch_uid="portal-client-key-cache-delete")
def keys_changed(sender, **kwargs):
    change_tokens.replace(KEYS_TOKEN)
