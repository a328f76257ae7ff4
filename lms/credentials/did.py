"""The society's decentralized identifier and where verifiers find its keys.

The issuer is `did:web` of the site: the DID document lives at /credentials/did.json, so the DID
is `did:web:<host>:credentials` (a port is written `%3A<port>`, a path prefix adds its parts),
which a did:web resolver turns back into https://<host>/credentials/did.json. Each key is a
verification method `<did>#<thumbprint>`, the `kid` of what it signs, listed both as a
JsonWebKey2020 (for JOSE verifiers) and as a Multikey (for Data Integrity verifiers).
"""

import base64
from urllib.parse import quote, urlsplit

from django.urls import reverse

from ..conf import lms_settings
from . import keys

DID_CONTEXTS = [
    "https://www.w3.org/ns/did/v1",
    "https://w3id.org/security/suites/jws-2020/v1",
    "https://w3id.org/security/multikey/v1",
]
# Multicodec prefix of an Ed25519 public key (0xed as a varint), then base58btc with 'z' (did:key, Multikey).
ED25519_MULTICODEC = b"\xed\x01"
BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def did_document_url():
    return lms_settings.site_url + reverse("lms:credentials_did")


def issuer_did():
    parts = urlsplit(did_document_url())
    path = parts.path.removesuffix("/did.json").strip("/")
    segments = [quote(parts.netloc, safe="")] + [quote(segment, safe="") for segment in path.split("/") if segment]
    return "did:web:" + ":".join(segments)


def key_url(signing_key):
    """The DID URL of a key: the `kid` in a VC-JWT's header and the verification method's id."""
    return f"{issuer_did()}#{signing_key.key_id}"


def _base58(data):
    number = int.from_bytes(data, "big")
    encoded = ""
    while number:
        number, remainder = divmod(number, 58)
        encoded = BASE58_ALPHABET[remainder] + encoded
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + encoded


def _public_bytes(jwk):
    return base64.urlsafe_b64decode(jwk["x"] + "=" * (-len(jwk["x"]) % 4))


def did_document():
    keys.current_key()
    did = issuer_did()
    methods = []
    for signing_key in keys.all_keys():
        methods.append(
            {
                "id": key_url(signing_key),
                "type": "JsonWebKey2020",
                "controller": did,
                "publicKeyJwk": signing_key.public_jwk,
            }
        )
        methods.append(
            {
                "id": f"{did}#multikey-{signing_key.key_id}",
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": "z" + _base58(ED25519_MULTICODEC + _public_bytes(signing_key.public_jwk)),
            }
        )
    return {
        "@context": DID_CONTEXTS,
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }


def jwks():
    """Every key, current and retired, with its DID URL as `kid`: a JOSE library finds the key of a
    VC-JWT here by the `kid` in its header."""
    keys.current_key()
    return {
        "keys": [
            {**signing_key.public_jwk, "kid": key_url(signing_key), "alg": keys.ALGORITHM, "use": "sig"}
            for signing_key in keys.all_keys()
        ]
    }
