"""Where badges are met: the learner's downloads and dashboard, the DID a learner gives, the public
verify page and API, and the key command."""

import io

import pytest
from defusedxml import ElementTree as ET
from django.core.management import CommandError, call_command

from content.refusals import Refused
from lms.credentials import keys
from lms.credentials.issuance import set_recipient_did
from lms.models import CredentialRecipient, CredentialSigningKey, OpenBadgeCredential
from lms.services.certificates import revoke_certificate
from tests.factories import MemberFactory, UserFactory

from .conftest import earn_certificate
from .verifier import verify

pytestmark = pytest.mark.django_db

BAKING_NAMESPACE = "https://purl.imsglobal.org/ob/v3p0"
SVG_NAMESPACE = "http://www.w3.org/2000/svg"


@pytest.fixture
def learner(client, member):
    client.force_login(member.user)
    return client


def body(response):
    assert response.status_code == 200, response.status_code
    return response.content


def test_the_learner_downloads_the_badge_as_json_jwt_and_baked_svg(learner, certificate):
    stored = OpenBadgeCredential.objects.get(certificate=certificate)
    json_response = learner.get(f"/learn/certificates/{certificate.code}/badge.json")
    assert json_response.json() == stored.credential
    assert "attachment" in json_response["Content-Disposition"]
    assert body(learner.get(f"/learn/certificates/{certificate.code}/badge.jwt")).decode() == stored.compact_jws

    svg = ET.fromstring(body(learner.get(f"/learn/certificates/{certificate.code}/badge.svg")))
    assert svg.tag == f"{{{SVG_NAMESPACE}}}svg"
    assert svg[0].tag == f"{{{BAKING_NAMESPACE}}}credential", "directly after the opening <svg> tag"
    assert len(svg.findall(f".//{{{BAKING_NAMESPACE}}}credential")) == 1
    assert verify(learner, svg[0].get("verify")).valid


def test_another_learner_and_a_visitor_get_no_badge(client, certificate, activity_with_optional_module):
    other = MemberFactory(user__username="other")
    client.force_login(other.user)
    for suffix in ["json", "jwt", "svg"]:
        assert client.get(f"/learn/certificates/{certificate.code}/badge.{suffix}").status_code == 404
    client.logout()
    response = client.get(f"/learn/certificates/{certificate.code}/badge.svg")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_dashboard_links_the_badge_of_a_valid_certificate_only(learner, certificate):
    page = learner.get("/learn/").content.decode()
    assert f"/learn/certificates/{certificate.code}/badge.svg" in page
    revoke_certificate(certificate, UserFactory(username="coordinator", is_staff=True), "Attestation was false.")
    page = learner.get("/learn/").content.decode()
    assert f"/learn/certificates/{certificate.code}/badge.svg" not in page


def test_a_did_the_learner_gives_names_them_in_later_badges_only(learner, member, activity_with_optional_module):
    wallet_did = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
    assert learner.post("/learn/badge-recipient/", {"did": wallet_did}).status_code == 302
    certificate = earn_certificate(member, activity_with_optional_module)
    subject = OpenBadgeCredential.objects.get(certificate=certificate).credential["credentialSubject"]
    assert subject["id"] == wallet_did
    assert "identifier" not in subject
    assert verify(learner, OpenBadgeCredential.objects.get(certificate=certificate).compact_jws).valid

    learner.post("/learn/badge-recipient/", {"did": ""})
    assert not CredentialRecipient.objects.exists()
    assert OpenBadgeCredential.objects.get(certificate=certificate).credential["credentialSubject"] == subject


@pytest.mark.parametrize("did", ["mailto:ada@example.org", "did:web:", "did:Web:example.org", "did:web:exa mple"])
def test_a_malformed_did_is_refused_on_the_page_and_changes_nothing(learner, member, did):
    set_recipient_did(member, "did:web:wallet.example.org")
    response = learner.post("/learn/badge-recipient/", {"did": did})
    assert response.status_code == 400
    assert "Give a DID such as" in response.content.decode()
    assert CredentialRecipient.objects.get().did == "did:web:wallet.example.org"


def test_the_recipient_rule_refuses_a_malformed_did_with_its_field(member):
    with pytest.raises(Refused) as refusal:
        set_recipient_did(member, "not-a-did")
    assert refusal.value.field == "did"
    assert not CredentialRecipient.objects.exists()


def test_the_public_api_returns_the_badge_and_its_status(client, certificate):
    url = f"/api/v1/certificates/{certificate.code.lower()}/credential/"
    answer = client.get(url).json()
    assert answer["code"] == certificate.code and answer["status"] == "valid"
    assert answer["credential"] == OpenBadgeCredential.objects.get(certificate=certificate).credential
    assert verify(client, answer["vc_jwt"]).valid
    revoke_certificate(certificate, UserFactory(username="coordinator", is_staff=True), "Attestation was false.")
    assert client.get(url).json()["status"] == "revoked"


def test_the_public_api_knows_no_unknown_code(client, db):
    response = client.get("/api/v1/certificates/AAAA-BBBB-CCCC-DDDD/credential/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_the_verify_page_links_the_badge_and_says_when_it_is_published_revoked(client, certificate):
    page = client.get(f"/verify/{certificate.code}/").content.decode()
    assert f"/api/v1/certificates/{certificate.code}/credential/" in page
    assert "published as revoked" not in page
    revoke_certificate(certificate, UserFactory(username="coordinator", is_staff=True), "Attestation was false.")
    page = client.get(f"/verify/{certificate.code}/").content.decode()
    assert f"/api/v1/certificates/{certificate.code}/credential/" in page and "published as revoked" in page


def run(*args):
    out = io.StringIO()
    call_command("credential_keys", *args, stdout=out)
    return out.getvalue()


def test_the_key_command_creates_rotates_and_lists(db):
    assert "No signing key yet" in run("list")
    assert "New signing key did:web:127.0.0.1%3A8000:credentials#" in run("create")
    first = CredentialSigningKey.objects.get()
    with pytest.raises(CommandError, match="already exists; use `credential_keys rotate`"):
        run("create")
    output = run("rotate")
    first.refresh_from_db()
    current = CredentialSigningKey.objects.get(retired_at__isnull=True)
    assert first.retired_at is not None and current != first
    assert f"#{first.key_id}" in output and "retired" in output and f"#{current.key_id}" in output
    listing = run("list")
    assert listing.count("did:web:") == 2 and listing.count("current") == 1


def test_rotating_before_any_key_is_refused(db):
    with pytest.raises(CommandError, match="no signing key to rotate yet"):
        run("rotate")
    assert not CredentialSigningKey.objects.exists()


def test_the_command_exits_1_with_the_reason_when_refused(db):
    from django.core.management import ManagementUtility

    keys.create()
    err = io.StringIO()
    utility = ManagementUtility(["manage.py", "credential_keys", "create"])
    with pytest.raises(SystemExit) as exit_info, pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stderr", err)
        utility.execute()
    assert exit_info.value.code == 1
    assert "already exists" in err.getvalue()


def test_a_certificate_and_its_badge_commit_together(settings, member, activity_with_optional_module):
    keys.create()
    settings.SECRET_KEY = "another-secret"  # the key cannot be opened: signing fails
    with pytest.raises(ValueError, match="SECRET_KEY_FALLBACKS"):
        earn_certificate(member, activity_with_optional_module)
    from lms.models import Certificate, CreditClaim

    assert not Certificate.objects.exists() and not CreditClaim.objects.exists()


def test_anonymizing_forgets_the_learner_s_did_and_keeps_the_badges_earned(client, member, certificate):
    from lms.services.members import anonymize_member

    set_recipient_did(member, "did:web:wallet.example.org")
    issued = OpenBadgeCredential.objects.get(certificate=certificate)
    anonymize_member(member, UserFactory(username="coordinator", is_staff=True), "Left the society.")
    assert not CredentialRecipient.objects.exists()
    kept = OpenBadgeCredential.objects.get(certificate=certificate)
    assert (kept.credential, kept.compact_jws) == (issued.credential, issued.compact_jws)
    assert verify(client, kept.compact_jws).valid


def test_the_learner_s_data_download_holds_their_did_and_badges(learner, member, certificate):
    set_recipient_did(member, "did:web:wallet.example.org")
    data = learner.get("/learn/my-data.json").json()
    assert data["badge_recipient_did"] == "did:web:wallet.example.org"
    (exported,) = data["open_badges"]
    assert exported["certificate_code"] == certificate.code
    assert exported["credential"] == OpenBadgeCredential.objects.get(certificate=certificate).credential


def test_no_badge_is_made_for_a_learner_anonymized_before_badges_existed(client, member, certificate):
    from lms.services.members import anonymize_member

    OpenBadgeCredential.objects.all().delete()  # a certificate from before badges
    anonymize_member(member, UserFactory(username="coordinator", is_staff=True), "Left the society.")
    response = client.get(f"/api/v1/certificates/{certificate.code}/credential/")
    assert response.status_code == 404 and "anonymized" in response.json()["detail"]
    assert "/credential/" not in client.get(f"/verify/{certificate.code}/").content.decode()
    assert not OpenBadgeCredential.objects.exists()
