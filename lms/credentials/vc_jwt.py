"""Securing a credential as a VC-JWT, the JSON Web Token Proof Format of Open Badges 3.0:
the JOSE header holds only `alg`, `kid` (the key's DID URL) and `typ`; the payload is the
credential itself with the registered claims that repeat its issuer, id, subject and dates."""

import json
from datetime import datetime

from . import keys
from .did import key_url


def _numeric_date(value):
    return int(datetime.fromisoformat(value).timestamp())


def sign_credential(credential, signing_key):
    issuer = credential["issuer"]
    claims = {
        "iss": issuer["id"] if isinstance(issuer, dict) else issuer,
        "jti": credential["id"],
        "sub": credential["credentialSubject"]["id"],
        "nbf": _numeric_date(credential["validFrom"]),
    }
    if "validUntil" in credential:
        claims["exp"] = _numeric_date(credential["validUntil"])
    payload = json.dumps({**credential, **claims}, separators=(",", ":"), ensure_ascii=False).encode()
    return keys.sign({"kid": key_url(signing_key), "typ": "JWT"}, payload, signing_key)
