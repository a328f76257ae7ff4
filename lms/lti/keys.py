"""The tool's signing keys: created on first use or by `manage.py lti_tool_key`, rotated without a gap.

The private key is a PEM file in the `cme_private` storage (never served, outside the media
root); the database holds only the public key and the file's name. Rotating adds a new key that
signs from then on while the old one stays published, because platforms cache the tool's JWKS;
retiring the old one later removes it from the JWKS.
"""

import json

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from jwt.algorithms import RSAAlgorithm
from pylti1p3.registration import Registration

from ..models import LtiToolKey
from ..storage import private_storage

KEY_SIZE = 2048


def _new_key():
    private = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
    public = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    # pylti1p3 names a key by its RFC 7638 thumbprint in the headers it signs; the JWKS says the same.
    public_jwk = dict(Registration.get_jwk(public.decode()))
    kid = public_jwk["kid"]
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    name = private_storage.save(f"lti/tool-key-{kid}.pem", ContentFile(pem))
    return LtiToolKey.objects.create(kid=kid, public_jwk=public_jwk, private_key_file=name)


def published_keys():
    return LtiToolKey.objects.filter(retired_at__isnull=True)


def current_key():
    """The key that signs: the newest one not retired, created on first use."""
    with transaction.atomic():
        key = published_keys().select_for_update().first()
        return key if key is not None else _new_key()


def rotate():
    """A new signing key; the previous ones stay published until retired."""
    return _new_key()


def retire(kid):
    """Stop publishing and using a key. The current key cannot be retired before a newer one exists."""
    key = LtiToolKey.objects.get(kid=kid, retired_at__isnull=True)
    if key == published_keys().first():
        raise ValueError(f"Key {kid} is the one that signs; rotate first, then retire it.")
    key.retired_at = timezone.now()
    key.save(update_fields=["retired_at"])
    return key


def private_pem(key):
    with private_storage.open(key.private_key_file) as handle:
        return handle.read().decode()


def public_pem(key):
    public = RSAAlgorithm.from_jwk(json.dumps(key.public_jwk))
    return public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def jwks():
    current_key()
    return {"keys": [key.public_jwk for key in published_keys()]}
