"""The worked example of docs/credentials.md, step by step, with PyJWT (not the signing library)
against the site's own answers."""

import base64
import gzip
import hashlib
import json

import jwt
import pytest

from lms.services.certificates import revoke_certificate
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def verified(token, keyset):
    kid = jwt.get_unverified_header(token)["kid"]
    key = next(k for k in keyset["keys"] if k["kid"] == kid)
    return jwt.decode(token, jwt.PyJWK(key).key, algorithms=["EdDSA"])


def check(client, code, email):
    keyset = client.get("/credentials/jwks.json").json()
    token = client.get(f"/api/v1/certificates/{code}/credential/").json()["vc_jwt"]
    badge = verified(token, keyset)
    assert badge["iss"] == badge["issuer"]["id"] and badge["jti"] == badge["id"]
    assert badge["sub"] == badge["credentialSubject"]["id"]

    entry = badge["credentialStatus"]
    status_list = verified(client.get(entry["statusListCredential"]).content.decode(), keyset)
    encoded = status_list["credentialSubject"]["encodedList"][1:]
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
    index = int(entry["statusListIndex"])
    revoked = bool(bits[index // 8] & (0x80 >> (index % 8)))

    identity = badge["credentialSubject"]["identifier"][0]
    holds = identity["identityHash"] == "sha256$" + hashlib.sha256((email + identity["salt"]).encode()).hexdigest()
    return badge, revoked, holds


def test_the_worked_example_verifies_a_badge_its_holder_and_its_revocation(client, member, certificate):
    badge, revoked, holds = check(client, certificate.code, member.email.lower())
    assert badge["credentialSubject"]["achievement"]["name"] == "Records course"
    assert not revoked and holds
    assert not check(client, certificate.code, "someone.else@example.org")[2]

    revoke_certificate(certificate, UserFactory(username="coordinator", is_staff=True), "Attestation was false.")
    assert check(client, certificate.code, member.email.lower())[1]


def test_pyjwt_rejects_a_badge_whose_payload_was_changed(client, certificate):
    keyset = client.get("/credentials/jwks.json").json()
    token = client.get(f"/api/v1/certificates/{certificate.code}/credential/").json()["vc_jwt"]
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["name"] = "Another activity"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    with pytest.raises(jwt.InvalidSignatureError):
        verified(f"{header}.{forged}.{signature}", keyset)
