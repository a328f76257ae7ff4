"""The society's Ed25519 signing keys: created on first use or by `manage.py credential_keys`,
rotated without a gap, the private half kept encrypted.

One key is current (a database constraint says so) and signs everything new; rotating retires it
and creates the next. A retired key signs nothing more but stays in the DID document and the
JWKS, because badges already in wallets were signed with it and must keep verifying.

The private key is stored as encrypted PKCS#8 under a passphrase derived from SECRET_KEY, so a
database copy alone gives it away to nobody. After changing SECRET_KEY, keep the old value in
SECRET_KEY_FALLBACKS until `credential_keys rotate` has made a key under the new one.
"""

import hashlib
import hmac
import warnings

from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from joserfc import jws
from joserfc.errors import SecurityWarning
from joserfc.jwk import OKPKey

from ..models import CredentialSigningKey

ALGORITHM = "EdDSA"


class KeyRefused(Exception):
    """A key command that would break the one-current-key rule; the message says what to run instead."""


def _passphrase(secret):
    return hmac.new(secret.encode(), b"cme credential signing key", hashlib.sha256).hexdigest().encode()


def _new_key():
    key = OKPKey.generate_key("Ed25519")
    encrypted = key.private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(_passphrase(settings.SECRET_KEY)),
    )
    return CredentialSigningKey.objects.create(
        key_id=key.thumbprint(), public_jwk=key.as_dict(private=False), encrypted_private_key=encrypted
    )


def _private_key(signing_key):
    pem = bytes(signing_key.encrypted_private_key)
    for secret in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]:
        try:
            private = serialization.load_pem_private_key(pem, _passphrase(secret))
        except ValueError:
            continue
        return OKPKey.import_key(
            private.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
    raise ValueError(
        f"Signing key {signing_key.key_id} cannot be opened with SECRET_KEY or SECRET_KEY_FALLBACKS; "
        "put the secret it was made under back in SECRET_KEY_FALLBACKS."
    )


def all_keys():
    """Every key ever made, oldest first: all are published."""
    return CredentialSigningKey.objects.all()


def current_key():
    """The key that signs, created on first use; two first uses at once agree on one key."""
    key = CredentialSigningKey.objects.filter(retired_at__isnull=True).first()
    if key is not None:
        return key
    try:
        with transaction.atomic():
            return _new_key()
    except IntegrityError:
        return CredentialSigningKey.objects.get(retired_at__isnull=True)


def create():
    """The first key. Refused when one exists: a new key beside a current one is a rotation."""
    with transaction.atomic():
        if CredentialSigningKey.objects.select_for_update().filter(retired_at__isnull=True).exists():
            raise KeyRefused("A signing key already exists; use `credential_keys rotate` to replace it.")
        return _new_key()


def rotate():
    """Retire the current key and make the next; the retired one stays published."""
    with transaction.atomic():
        current = CredentialSigningKey.objects.select_for_update().filter(retired_at__isnull=True).first()
        if current is None:
            raise KeyRefused("There is no signing key to rotate yet; use `credential_keys create`.")
        current.retired_at = timezone.now()
        current.save(update_fields=["retired_at"])
        return _new_key()


def sign(header, payload, signing_key):
    """A compact JWS of `payload` (bytes) signed with `signing_key`."""
    private_key = _private_key(signing_key)
    # Open Badges 3.0 verifiers know Ed25519 signatures by the name "EdDSA"; RFC 9864's newer
    # name "Ed25519" is not yet one they accept, so the older name stays and joserfc's notice
    # about it is silenced for this call alone.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="EdDSA is deprecated", category=SecurityWarning)
        return jws.serialize_compact({**header, "alg": ALGORITHM}, payload, private_key, algorithms=[ALGORITHM])
