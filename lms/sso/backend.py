"""The authentication backend of single sign-on: mozilla-django-oidc's, linking members by `linking`."""

import jwt
import requests
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from . import linking
from .config import discovery, oidc_setting, sso_config, sso_enabled


def _lazy(name):
    return property(lambda self: oidc_setting(name))


class MemberOIDCBackend(OIDCAuthenticationBackend):
    get_settings = staticmethod(oidc_setting)

    # Read when a sign-in needs them, not when the backend is built: Django builds it for every
    # request of a signed-in member (get_user), which must not fetch the provider's metadata.
    OIDC_OP_TOKEN_ENDPOINT = _lazy("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = _lazy("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = _lazy("OIDC_OP_JWKS_ENDPOINT")
    OIDC_RP_CLIENT_ID = _lazy("OIDC_RP_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = _lazy("OIDC_RP_CLIENT_SECRET")
    OIDC_RP_SIGN_ALGO = _lazy("OIDC_RP_SIGN_ALGO")
    OIDC_RP_IDP_SIGN_KEY = None

    def __init__(self, *args, **kwargs):
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        # Only the callback passes a nonce: a password sign-in whose address happens to carry
        # `code` and `state` is not an OpenID Connect sign-in.
        if not sso_enabled() or "nonce" not in kwargs:
            return None
        return super().authenticate(request, **kwargs)

    def retrieve_matching_jwk(self, token):
        """The provider's key for this token. OpenID Connect lets a provider with one key leave out
        the key id (Core 1.0, 10.1); the library requires it."""
        if "kid" in jwt.get_unverified_header(token):
            return super().retrieve_matching_jwk(token)
        reply = requests.get(self.OIDC_OP_JWKS_ENDPOINT, timeout=sso_config().timeout)
        reply.raise_for_status()
        keys = [key for key in reply.json().get("keys", []) if key.get("use", "sig") == "sig"]
        if len(keys) != 1:
            raise SuspiciousOperation("The ID token names no key, and the provider has more than one.")
        return jwt.PyJWK(keys[0])

    def get_payload_data(self, token, key):
        """The ID token's claims, checked by PyJWT for signature, expiry, issuer and audience.

        The library checks the signature and expiry only; a token the provider issued to another
        client, or another issuer's, is refused here too.
        """
        try:
            return jwt.decode(
                token,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=sso_config().client_id,
                issuer=discovery()["issuer"],
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.InvalidTokenError as error:
            raise SuspiciousOperation(f"ID token refused: {error}") from None

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if claims.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("The provider's user info is about another subject than its ID token.")
        return linking.sign_in(payload["iss"], {**payload, **claims})

    def get_user(self, user_id):
        # Django's rule (inactive accounts are signed out), which the library's own get_user skips.
        return ModelBackend.get_user(self, user_id)
