"""Signing out of the provider too (RP-initiated logout), where it offers it."""

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.shortcuts import resolve_url
from django.utils.http import urlencode

from .config import BACKEND_PATH, discovery, sso_config, sso_enabled


def home_after_sign_out():
    return resolve_url(settings.LOGOUT_REDIRECT_URL or "/")


def provider_logout_url(request):
    """The provider's end-session address for a session that single sign-on opened, when the provider
    offers RP-initiated logout and the site wants it; else None. Read before the session ends."""
    id_token = request.session.get("oidc_id_token")
    if not sso_enabled() or request.session.get(BACKEND_SESSION_KEY) != BACKEND_PATH or not id_token:
        return None
    config = sso_config()
    end_session = discovery().get("end_session_endpoint")
    if not config.provider_logout or not end_session:
        return None
    query = urlencode(
        {
            "id_token_hint": id_token,
            "client_id": config.client_id,
            "post_logout_redirect_uri": request.build_absolute_uri(home_after_sign_out()),
        }
    )
    return f"{end_session}{'&' if '?' in end_session else '?'}{query}"
