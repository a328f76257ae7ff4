"""The OpenID Connect settings (`LMS["OIDC"]`) and the provider's discovery document.

mozilla-django-oidc reads `OIDC_*` Django settings; `oidc_setting` answers those names from this
one block and the discovery document instead, so a society configures an issuer, not endpoints.
"""

from dataclasses import dataclass

import requests
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from ..conf import lms_settings

DEFAULTS = {
    # https://id.example.org/.well-known/openid-configuration (or the issuer, to which it is appended)
    "DISCOVERY_URL": "",
    "CLIENT_ID": "",
    "CLIENT_SECRET": "",
    "SCOPES": "openid email profile",
    # The claim carrying the society member id: the key that links an account to its Member.
    "MEMBER_ID_CLAIM": "member_id",
    "EMAIL_CLAIM": "email",
    "FIRST_NAME_CLAIM": "given_name",
    "LAST_NAME_CLAIM": "family_name",
    # Only used when a member is created: the claim with the degree (MD, DO, ...); "other" without it.
    "DEGREE_CLAIM": "degree",
    # Create a Member on the first sign-in of a member id nobody created here (by the portal API or an import).
    "CREATE_UNKNOWN_MEMBERS": False,
    # The sign-in page shows learners only the society button; accounts with staff rights keep the form.
    "HIDE_LOCAL_LOGIN": False,
    # Sign-out also ends the provider's session when it offers RP-initiated logout (end_session_endpoint).
    "PROVIDER_LOGOUT": True,
    "SIGN_ALGO": "RS256",
    "USE_PKCE": True,
    "TIMEOUT": 10,
    # Seconds the discovery document is kept.
    "DISCOVERY_CACHE_SECONDS": 3600,
}
DISCOVERY_PATH = "/.well-known/openid-configuration"
BACKEND_PATH = "lms.sso.backend.MemberOIDCBackend"


@dataclass(frozen=True)
class SsoConfig:
    values: dict

    def __getattr__(self, name):
        try:
            return self.values[name.upper()]
        except KeyError:
            raise AttributeError(name) from None


def sso_enabled():
    return bool(lms_settings.OIDC)


def sso_config():
    configured = lms_settings.OIDC
    if not configured:
        raise ImproperlyConfigured('Single sign-on is off: LMS["OIDC"] is not set (docs/sso.md).')
    unknown = set(configured) - set(DEFAULTS)
    if unknown:
        raise ImproperlyConfigured(f'Unknown LMS["OIDC"] keys: {", ".join(sorted(unknown))} (docs/sso.md).')
    values = {**DEFAULTS, **configured}
    for required in ("DISCOVERY_URL", "CLIENT_ID", "CLIENT_SECRET"):
        if not values[required]:
            raise ImproperlyConfigured(f'LMS["OIDC"]["{required}"] is required for single sign-on (docs/sso.md).')
    return SsoConfig(values)


def discovery_url(config):
    url = config.discovery_url.rstrip("/")
    return url if url.endswith(DISCOVERY_PATH) else url + DISCOVERY_PATH


def discovery():
    """The provider's metadata, kept for DISCOVERY_CACHE_SECONDS so sign-ins do not fetch it each time."""
    config = sso_config()
    url = discovery_url(config)
    key = f"lms.sso.discovery:{url}"
    document = cache.get(key)
    if document is None:
        response = requests.get(url, timeout=config.timeout)
        response.raise_for_status()
        document = response.json()
        missing = [
            name
            for name in ("issuer", "authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri")
            if not document.get(name)
        ]
        if missing:
            raise ImproperlyConfigured(f"The provider's discovery document at {url} lacks {', '.join(missing)}.")
        cache.set(key, document, config.discovery_cache_seconds)
    return document


_FROM_CONFIG = {
    "OIDC_RP_CLIENT_ID": "client_id",
    "OIDC_RP_CLIENT_SECRET": "client_secret",
    "OIDC_RP_SCOPES": "scopes",
    "OIDC_RP_SIGN_ALGO": "sign_algo",
    "OIDC_USE_PKCE": "use_pkce",
    "OIDC_TIMEOUT": "timeout",
}
_FROM_DISCOVERY = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
_FIXED = {
    "OIDC_AUTHENTICATION_CALLBACK_URL": "sso:callback",
    # Kept for the provider's sign-out (id_token_hint).
    "OIDC_STORE_ID_TOKEN": True,
    "OIDC_USE_NONCE": True,
    # A `next` on another host is never followed, whatever Django's settings allow elsewhere.
    "OIDC_REDIRECT_ALLOWED_HOSTS": [],
}


def oidc_setting(name, *default):
    """What mozilla-django-oidc reads as `settings.<name>`, from `LMS["OIDC"]` and discovery."""
    if name in _FIXED:
        return _FIXED[name]
    if name in _FROM_CONFIG:
        return getattr(sso_config(), _FROM_CONFIG[name])
    if name in _FROM_DISCOVERY:
        return discovery()[_FROM_DISCOVERY[name]]
    if name == "OIDC_RP_IDP_SIGN_KEY":
        return None
    if default:
        return getattr(settings, name, default[0])
    return getattr(settings, name)
