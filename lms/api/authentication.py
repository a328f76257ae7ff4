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
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header.startswith(KEYWORD + " "):
            return None
        key = header[len(KEYWORD) + 1 :].strip()
        throttle = PortalKeyThrottle()
        # Counted per presented key: a forged key with a real prefix spends its own budget.
        counter = throttle.window(hashlib.sha256(key.encode()).hexdigest()[:32]) if throttle.rate else None
        # A view may name cache keys it will read (prefetch_cache_keys): fetched in the same round trip.
        view = request.parser_context.get("view")
        also = view.prefetch_cache_keys(request) if hasattr(view, "prefetch_cache_keys") else ()
        try:
            lookup = usable_key(key, counter, throttle.duration, also)
        except PortalAPIKey.DoesNotExist:
            raise exceptions.AuthenticationFailed("This API key is unknown or has been revoked.") from None
        api_key, request.prefetched_cache = lookup.api_key, lookup.prefetched
        if api_key.has_expired:
            raise exceptions.AuthenticationFailed("This API key has expired.")
        if not api_key.client.is_active:
            raise exceptions.AuthenticationFailed(f"The portal {api_key.client.name} is deactivated.")
        now = timezone.now()
        if api_key.last_used_at is None or now - api_key.last_used_at > LAST_USED_PRECISION:
            PortalAPIKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
            api_key.last_used_at = now
            last_use_recorded(lookup)
        return PortalPrincipal(api_key, lookup.requests), api_key

    def authenticate_header(self, request):
        return KEYWORD
