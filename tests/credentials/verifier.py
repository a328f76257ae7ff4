"""A verifier of Open Badges 3.0 VC-JWTs written apart from the signing code: the signature is
checked with `cryptography`'s Ed25519 directly (the site signs with joserfc), the key found by
resolving the `kid` DID URL through the served DID document, the credential validated against
1EdTech's JSON schema (schema/), and the Bitstring Status List decoded by hand.

The client fetches the site's URLs, as a verifier would fetch them over HTTPS.
"""

import base64
import gzip
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from jsonschema import Draft201909Validator

SCHEMA = json.loads((Path(__file__).parent / "schema" / "ob_v3p0_achievementcredential_schema.json").read_text())
ALLOWED_HEADER = {"alg", "kid", "typ"}
MIN_LIST_BYTES = 16 * 1024


def b64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Verdict:
    valid: bool = False
    revoked: bool = False
    errors: list = field(default_factory=list)
    credential: dict | None = None
    key: dict | None = None


def did_web_url(did):
    """did:web:<host>[:<path>...] -> https://<host>/<path>/did.json (or /.well-known/did.json)."""
    assert did.startswith("did:web:"), did
    host, *path = did.removeprefix("did:web:").split(":")
    return f"https://{unquote(host)}/" + ("/".join(unquote(part) for part in path) or ".well-known") + "/did.json"


def fetch(client, url):
    response = client.get(urlsplit(url).path)
    assert response.status_code == 200, (url, response.status_code)
    return response


def resolve_key(client, kid):
    did, _, _ = kid.partition("#")
    document = fetch(client, did_web_url(did)).json()
    if document["id"] != did:
        raise ValueError(f"DID document {document['id']} is not {did}")
    methods = {method["id"]: method for method in document["verificationMethod"]}
    if kid not in methods or kid not in document["assertionMethod"]:
        raise ValueError(f"{kid} is not an assertion method of {did}")
    jwk = methods[kid]["publicKeyJwk"]
    if "d" in jwk or jwk.get("kty") != "OKP" or jwk.get("crv") != "Ed25519":
        raise ValueError("not an Ed25519 public key")
    return jwk


def check_signature(client, compact):
    """(header, payload) of a compact JWS whose signature the key named by its kid verifies."""
    encoded_header, encoded_payload, encoded_signature = compact.split(".")
    header = json.loads(b64url(encoded_header))
    if set(header) - ALLOWED_HEADER or header.get("alg") != "EdDSA" or header.get("typ", "JWT") != "JWT":
        raise ValueError(f"header not allowed by Open Badges 3.0: {header}")
    jwk = resolve_key(client, header["kid"])
    try:
        Ed25519PublicKey.from_public_bytes(b64url(jwk["x"])).verify(
            b64url(encoded_signature), f"{encoded_header}.{encoded_payload}".encode()
        )
    except InvalidSignature:
        raise ValueError("signature does not verify") from None
    return header, json.loads(b64url(encoded_payload)), jwk


def check_claims(payload):
    issuer = payload["issuer"]["id"] if isinstance(payload["issuer"], dict) else payload["issuer"]
    valid_from = datetime.fromisoformat(payload["validFrom"])
    problems = []
    if payload.get("iss") != issuer:
        problems.append("iss is not issuer.id")
    if payload.get("jti") != payload["id"]:
        problems.append("jti is not id")
    if payload.get("sub") != payload["credentialSubject"].get("id"):
        problems.append("sub is not credentialSubject.id")
    if payload.get("nbf") != int(valid_from.timestamp()):
        problems.append("nbf is not validFrom")
    if valid_from > datetime.now(UTC):
        problems.append("not valid yet")
    if "exp" in payload and datetime.fromtimestamp(payload["exp"], UTC) < datetime.now(UTC):
        problems.append("expired")
    return problems


def status_bit(client, entry):
    """The bit of a BitstringStatusListEntry, from the status list credential, itself verified."""
    _, status_list, _ = check_signature(client, fetch(client, entry["statusListCredential"]).content.decode())
    subject = status_list["credentialSubject"]
    assert "BitstringStatusListCredential" in status_list["type"]
    assert subject["type"] == "BitstringStatusList" and subject["statusPurpose"] == entry["statusPurpose"]
    encoded = subject["encodedList"]
    assert encoded.startswith("u"), "multibase base64url"
    bits = gzip.decompress(b64url(encoded[1:]))
    assert len(bits) >= MIN_LIST_BYTES
    index = int(entry["statusListIndex"])
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def verify(client, compact):
    verdict = Verdict()
    try:
        _, payload, verdict.key = check_signature(client, compact)
    except ValueError as error:
        verdict.errors.append(str(error))
        return verdict
    verdict.credential = payload
    verdict.errors += check_claims(payload)
    verdict.errors += [error.message for error in Draft201909Validator(SCHEMA).iter_errors(payload)]
    status = payload.get("credentialStatus")
    if status and status["type"] == "BitstringStatusListEntry" and status["statusPurpose"] == "revocation":
        verdict.revoked = status_bit(client, status)
    verdict.valid = not verdict.errors and not verdict.revoked
    return verdict
