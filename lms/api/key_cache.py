"""Portal API keys kept in the shared cache, so authenticating a request costs no query.

A key is found by its public prefix; the stored row's hash is still checked against the
presented key on every request, and its expiry and its portal's active flag and scopes are read
from the row each time. Saving or deleting a key or its portal (revoking, deactivating,
changing scopes) removes the stored rows at once and again when the change commits, so the next request, in any
server process, sees the change. Keys are kept only when settings.CME_SHARED_CACHE says every
process shares the cache: a per-process cache could not be told of a revocation.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from content import cache_tokens

from .. import window_counter
from ..models import PortalAPIKey, PortalClient

TTL = 300


def cache_key(prefix):
    return f"cme:portal-key:{prefix}"


def usable_key(key, counter=None, seconds=None):
    """The unrevoked key row matching `key` (with its portal), or PortalAPIKey.DoesNotExist; and
    the request counter `counter` (a cache key living `seconds`) advanced, in the same round
    trip as the key's lookup (None without a counter)."""
    if not cache_tokens.shared():
        api_key = PortalAPIKey.objects.get_from_key(key)
        return api_key, window_counter.count(counter, seconds)[0] if counter else None
    prefix = key.partition(".")[0]
    if counter:
        requests, found = window_counter.count(counter, seconds, [cache_key(prefix)])
        api_key = found.get(cache_key(prefix))
    else:
        requests, api_key = None, cache.get(cache_key(prefix))
    if api_key is None:
        api_key = PortalAPIKey.objects.get_usable_keys().get(prefix=prefix)
        cache.set(cache_key(prefix), api_key, TTL)
    if not api_key.is_valid(key):
        raise PortalAPIKey.DoesNotExist("Key is not valid.")
    return api_key, requests


def remember_last_use(api_key):
    """After last_used_at was written with an UPDATE (no signal): keep the stored row in step."""
    if cache_tokens.shared():
        cache.set(cache_key(api_key.prefix), api_key, TTL)


def forget(prefixes):
    prefixes = list(prefixes)
    if prefixes:
        cache_tokens.now_and_on_commit(lambda: cache.delete_many([cache_key(prefix) for prefix in prefixes]))


@receiver(post_save, sender=PortalAPIKey, dispatch_uid="portal-key-cache-save")
@receiver(post_delete, sender=PortalAPIKey, dispatch_uid="portal-key-cache-delete")
def key_changed(sender, instance, **kwargs):
    forget([instance.prefix])


@receiver(post_save, sender=PortalClient, dispatch_uid="portal-client-key-cache-save")
@receiver(post_delete, sender=PortalClient, dispatch_uid="portal-client-key-cache-delete")
def client_changed(sender, instance, **kwargs):
    forget(PortalAPIKey.objects.filter(client_id=instance.pk).values_list("prefix", flat=True))
