"""Portal API keys as a DRF authentication: the request then acts for the key's portal."""

import datetime

from django.utils import timezone
from rest_framework import authentication, exceptions

from ..models import PortalAPIKey

KEYWORD = "Api-Key"
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


class PortalPrincipal:
    """request.user for a portal: authenticated, not a Django user, never a learner."""

    is_authenticated = True
    is_anonymous = False
    is_staff = False
    is_superuser = False
    pk = None

    def __init__(self, api_key):
        self.api_key = api_key
        self.client = api_key.client

    def __str__(self):
        return f"portal {self.client.name}"


class PortalKeyAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header.startswith(KEYWORD + " "):
            return None
        key = header[len(KEYWORD) + 1 :].strip()
        try:
            api_key = PortalAPIKey.objects.get_from_key(key)
        except PortalAPIKey.DoesNotExist:
            raise exceptions.AuthenticationFailed("This API key is unknown or has been revoked.") from None
        if api_key.has_expired:
            raise exceptions.AuthenticationFailed("This API key has expired.")
        if not api_key.client.is_active:
            raise exceptions.AuthenticationFailed(f"The portal {api_key.client.name} is deactivated.")
        now = timezone.now()
        if api_key.last_used_at is None or now - api_key.last_used_at > LAST_USED_PRECISION:
            PortalAPIKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
        return PortalPrincipal(api_key), api_key

    def authenticate_header(self, request):
        return KEYWORD
