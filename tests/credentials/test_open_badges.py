"""Each certificate comes with an Open Badges 3.0 credential that an independent verifier
(verifier.py: another signature library, the served DID document, 1EdTech's schema, the status
list decoded by hand) accepts fresh, rejects tampered, reports revoked after revocation, and still
accepts after the key that signed it was rotated out."""

import base64
import hashlib
import json

import pytest

from lms.credentials import keys
from lms.credentials.issuance import open_badge_of
from lms.models import CredentialSigningKey, OpenBadgeCredential
from lms.services.certificates import revoke_certificate
from tests.factories import MemberFactory, UserFactory

from .conftest import earn_certificate
from .verifier import b64url, verify

pytestmark = pytest.mark.django_db


def badge(certificate):
    return OpenBadgeCredential.objects.get(certificate=certificate)


def test_a_fresh_badge_verifies_and_is_valid_against_the_open_badges_schema(client, certificate):
    verdict = verify(client, badge(certificate).compact_jws)
    assert verdict.errors == []
    assert verdict.valid and not verdict.revoked
    credential = verdict.credential
    assert credential["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert set(credential["type"]) == {"VerifiableCredential", "OpenBadgeCredential"}
    assert credential["issuer"]["id"] == "did:web:127.0.0.1%3A8000:credentials"
    assert credential["issuer"]["name"] == certificate.snapshot["provider"]
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["name"] == certificate.snapshot["activity_title"] == "Records course"
    assert certificate.snapshot["accreditation_statement"] in achievement["description"]
    assert "pass the post-test" in achievement["criteria"]["narrative"]
    assert achievement["resultDescription"][0]["name"] == certificate.snapshot["credits"][0]["credit_type"]
    assert credential["credentialSubject"]["result"][0]["value"] == "0.75"
    assert credential["validFrom"].startswith(certificate.issued_at.date().isoformat())
    assert "validUntil" not in credential, "CME credit earned does not lapse"


def test_the_stored_json_is_what_was_signed(client, certificate):
    stored = badge(certificate)
    signed = verify(client, stored.compact_jws).credential
    assert {k: v for k, v in signed.items() if k not in {"iss", "jti", "sub", "nbf"}} == stored.credential


def test_the_learner_is_named_by_a_salted_hash_of_their_email(member, certificate):
    subject = badge(certificate).credential["credentialSubject"]
    (identity,) = subject["identifier"]
    assert identity["hashed"] is True and identity["identityType"] == "emailAddress"
    expected = hashlib.sha256((member.user.email.lower() + identity["salt"]).encode()).hexdigest()
    assert identity["identityHash"] == f"sha256${expected}"
    assert member.user.email not in json.dumps(badge(certificate).credential)


def tampered(compact):
    header, payload, signature = compact.split(".")
    claims = json.loads(b64url(payload))
    claims["credentialSubject"]["result"][0]["value"] = "25.00"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    return f"{header}.{forged}.{signature}"


def test_a_tampered_badge_is_rejected(client, certificate):
    verdict = verify(client, tampered(badge(certificate).compact_jws))
    assert not verdict.valid
    assert verdict.errors == ["signature does not verify"]


def test_a_revoked_certificate_s_badge_verifies_as_revoked(client, certificate):
    other = earn_certificate(MemberFactory(user__username="other"), certificate.completion.course)
    revoke_certificate(certificate, UserFactory(username="coordinator", is_staff=True), "Attestation was false.")
    verdict = verify(client, badge(certificate).compact_jws)
    assert verdict.revoked and not verdict.valid
    assert verdict.errors == [], "the signature itself still holds"
    assert verify(client, badge(other).compact_jws).valid, "only the revoked badge's bit is set"


def test_a_badge_signed_with_a_rotated_out_key_still_verifies(
    client, member, activity_with_optional_module, certificate
):
    old_key = badge(certificate).signing_key
    new_key = keys.rotate()
    old_key.refresh_from_db()
    assert old_key.retired_at is not None
    later = earn_certificate(MemberFactory(user__username="later"), activity_with_optional_module)
    assert badge(later).signing_key == new_key

    old = verify(client, badge(certificate).compact_jws)
    assert old.valid and old.key == old_key.public_jwk
    new = verify(client, badge(later).compact_jws)
    assert new.valid and new.key == new_key.public_jwk
    published = {key["kid"] for key in client.get("/credentials/jwks.json").json()["keys"]}
    assert published == {
        f"did:web:127.0.0.1%3A8000:credentials#{old_key.key_id}",
        f"did:web:127.0.0.1%3A8000:credentials#{new_key.key_id}",
    }


def test_the_jwks_and_the_did_document_publish_no_private_key(client, certificate):
    keys.rotate()
    for url in ["/credentials/jwks.json", "/credentials/did.json"]:
        body = client.get(url).content.decode()
        assert '"d"' not in body
    document = client.get("/credentials/did.json").json()
    types = [method["type"] for method in document["verificationMethod"]]
    assert types.count("JsonWebKey2020") == types.count("Multikey") == 2


def test_the_status_list_is_16kb_gzip_multibase_and_signed(client, certificate):
    response = client.get("/credentials/status/1")
    assert response["Content-Type"] == "application/vc+jwt"
    entry = badge(certificate).credential["credentialStatus"]
    assert entry["statusListCredential"] == "http://127.0.0.1:8000/credentials/status/1"
    assert client.get("/credentials/status/2").status_code == 404


def test_a_certificate_issued_before_badges_gets_its_badge_when_first_asked(client, certificate):
    OpenBadgeCredential.objects.filter(certificate=certificate).delete()
    response = client.get(f"/api/v1/certificates/{certificate.code}/credential/")
    assert response.status_code == 200
    assert verify(client, response.json()["vc_jwt"]).valid
    assert open_badge_of(certificate) == badge(certificate)


def test_a_badge_is_issued_once_per_certificate_and_never_changes(certificate):
    first = badge(certificate)
    assert open_badge_of(certificate) == first
    assert OpenBadgeCredential.objects.count() == 1


def test_an_activity_with_a_validity_gives_the_badge_valid_until_and_exp(
    client, monkeypatch, member, activity_with_optional_module
):
    from datetime import timedelta

    from courses.models import CoursePage

    monkeypatch.setattr(
        CoursePage,
        "credential_valid_until",
        lambda self, completion: completion.completed_at + timedelta(days=3 * 365),
        raising=False,
    )
    certificate = earn_certificate(member, activity_with_optional_module)
    verdict = verify(client, badge(certificate).compact_jws)
    assert verdict.valid, verdict.errors
    assert verdict.credential["validUntil"] and verdict.credential["exp"] > verdict.credential["nbf"]


def test_two_badges_take_different_status_bits(certificate, activity_with_optional_module):
    other = earn_certificate(MemberFactory(user__username="other"), activity_with_optional_module)
    assert (badge(certificate).status_list, badge(certificate).status_index) != (
        badge(other).status_list,
        badge(other).status_index,
    )


def test_a_key_that_cannot_be_opened_says_how_to_fix_it(settings, certificate):
    settings.SECRET_KEY = "a-new-secret"
    with pytest.raises(ValueError, match="SECRET_KEY_FALLBACKS"):
        keys.sign({}, b"{}", CredentialSigningKey.objects.get())
    settings.SECRET_KEY_FALLBACKS = ["test-only-secret-key"]
    assert keys.sign({}, b"{}", CredentialSigningKey.objects.get()).count(".") == 2
