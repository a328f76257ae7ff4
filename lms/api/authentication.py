"""Portal API keys as a DRF authentication: the request then acts for the key's portal."""

import datetime
import hashlib

from django.utils import timezone
from rest_framework import authentication, exceptions

from ..models import PortalAPIKey
from .key_cache import last_use_recorded, usable_key
from .principal import PortalPrincipal
from .throttling import PortalKeyThrottle

KEYWORD = "Api-Key"
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


class PortalKeyAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        key = presented_key(request)
        if key is None:
            return None
        # A view may name cache keys it will read (prefetch_cache_keys): fetched in the same round trip.
        view = request.parser_context.get("view")
        also = view.prefetch_cache_keys(request) if hasattr(view, "prefetch_cache_keys") else ()
        lookup = checked_key(request._request, key, also)
        request.prefetched_cache = lookup.prefetched
        return PortalPrincipal(lookup.api_key, lookup.requests), lookup.api_key

    def authenticate_header(self, request):
        return KEYWORD


def presented_key(request):
    """The key in `Authorization: Api-Key <key>` (a Django or DRF request), or None."""
    header = authentication.get_authorization_header(request).decode("latin-1")
    if not header.startswith(KEYWORD + " "):
        return None
    return header[len(KEYWORD) + 1 :].strip()


def checked_key(http_request, key, also=()):
    """The KeyLookup of a usable key, or AuthenticationFailed saying why not.

    Once per request, whoever asks first (lms/api/stored_progress.py, then DRF): the request is
    counted against the key's budget once, and its last use written at most once a minute.
    """
    earlier = getattr(http_request, "_cme_portal_key", None)
    if earlier is None or earlier[0] != key:
        earlier = http_request._cme_portal_key = (key, _look_up(key, also))
    outcome = earlier[1]
    if isinstance(outcome, str):
        raise exceptions.AuthenticationFailed(outcome)
    return outcome


def key_ident(key):
    """What a presented key's requests are counted under: its hash, never the key itself."""
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _look_up(key, also):
    throttle = PortalKeyThrottle()
    # Counted per presented key: a forged key with a real prefix spends its own budget.
    counter = throttle.window(key_ident(key)) if throttle.rate else None
    try:
        lookup = usable_key(key, counter, throttle.duration, also)
    except PortalAPIKey.DoesNotExist:
        return "This API key is unknown or has been revoked."
    api_key = lookup.api_key
    if api_key.has_expired:
        return "This API key has expired."
    if not api_key.client.is_active:
        return f"The portal {api_key.client.name} is deactivated."
    now = timezone.now()
    if api_key.last_used_at is None or now - api_key.last_used_at > LAST_USED_PRECISION:
        PortalAPIKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
        api_key.last_used_at = now
        last_use_recorded(lookup)
    return lookup
