"""Certificates follow the claims: versions and supersession, no claim after revocation, the
audit log, and the records that show the claims (data download, transcript)."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from wagtail.models import ModelLogEntry

from content.refusals import Refused
from lms.models import Certificate, MocClaim, WebhookEvent
from lms.services.certificates import revoke_certificate
from lms.services.credit import claim_credit
from lms.services.eligibility import claim_options
from tests.factories import UserFactory
from tests.lms.credit.conftest import certify

# Each type optional; certificates follow the claims


def test_ama_first_then_moc_later_supersedes_the_certificate(physician, activity_with_optional_module, ama, boards):
    first = claim_credit(physician, activity_with_optional_module, 45, {ama: Decimal("0.75")}, True)
    options = claim_options(physician, activity_with_optional_module, first.completion)
    assert not options.credit and [d.board.code for d, _ in options.moc_refused] == ["ABIM", "ABP"]
    certify(physician, boards["ABIM"])
    second = claim_credit(physician, activity_with_optional_module, 45, {}, True, moc={boards["ABIM"]: Decimal("0.75")})
    first.refresh_from_db()
    assert (second.version, first.superseded_by, first.is_current) == (2, second, False)
    assert second.code != first.code and second.pdf.name != first.pdf.name
    assert second.snapshot["credits"] == first.snapshot["credits"]
    assert [m["board_code"] for m in second.snapshot["moc"]] == ["ABIM"]
    assert first.completion.current_certificate == second
    # Both verify: the old one as superseded, pointing to the new one.
    assert Certificate.objects.current().get() == second
    assert list(
        WebhookEvent.objects.filter(type="certificate.superseded").values_list("payload__superseded_by", flat=True)
    ) == [second.code]
    assert WebhookEvent.objects.filter(type="certificate.issued", payload__version=2).exists()


def test_both_versions_verify_on_the_page(client, physician, activity_with_optional_module, ama, boards):
    first = claim_credit(physician, activity_with_optional_module, 45, {ama: Decimal("0.75")}, True)
    certify(physician, boards["ABIM"])
    second = claim_credit(physician, activity_with_optional_module, 45, {}, True, moc={boards["ABIM"]: Decimal("0.75")})
    old = client.get(reverse("lms:verify", args=[first.code])).content.decode()
    assert "Superseded." in old and reverse("lms:verify", args=[second.code]) in old
    new = client.get(reverse("lms:verify", args=[second.code])).content.decode()
    assert "Valid." in new and "version 2" in new and "0.75 ABIM MOC points" in new


def test_both_versions_verify_through_the_api(client, physician, activity_with_optional_module, ama, boards):
    first = claim_credit(physician, activity_with_optional_module, 45, {ama: Decimal("0.75")}, True)
    certify(physician, boards["ABIM"])
    second = claim_credit(physician, activity_with_optional_module, 45, {}, True, moc={boards["ABIM"]: Decimal("0.75")})
    old = client.get(f"/api/v1/certificates/{first.code}/verify/").json()
    assert (old["superseded_by"], old["version"], old["valid"]) == (second.code, 1, True)
    new = client.get(f"/api/v1/certificates/{second.code}/verify/").json()
    assert (new["superseded_by"], new["version"], new["moc"][0]["board_code"]) == (None, 2, "ABIM")


def test_the_database_holds_one_current_certificate_per_completion(physician, activity_with_optional_module, ama):
    certificate = claim_credit(physician, activity_with_optional_module, 45, {ama: Decimal("0.75")}, True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(completion=certificate.completion, code="X", snapshot={}, version=2)


def test_a_claim_after_revocation_is_refused(physician, activity_with_optional_module, ama, boards):
    certificate = claim_credit(physician, activity_with_optional_module, 45, {ama: Decimal("0.75")}, True)
    revoke_certificate(certificate, UserFactory(username="registrar"), "Attendance not verified.")
    certify(physician, boards["ABIM"])
    with pytest.raises(Refused, match="was revoked"):
        claim_credit(physician, activity_with_optional_module, 45, {}, True, moc={boards["ABIM"]: Decimal("0.75")})
    assert Certificate.objects.count() == 1 and not MocClaim.objects.exists()


# Audit


def test_claims_supersession_and_participation_are_in_the_audit_log(
    physician, pa, activity_with_optional_module, ama, boards
):
    first = claim_credit(physician, activity_with_optional_module, 45, {ama: Decimal("0.75")}, True)
    certify(physician, boards["ABIM"])
    claim_credit(physician, activity_with_optional_module, 45, {}, True, moc={boards["ABIM"]: Decimal("0.75")})
    claim_credit(pa, activity_with_optional_module, 40, {}, True, participation=True)
    entries = {(entry.action, entry.user_id) for entry in ModelLogEntry.objects.all()}
    for action in ("claim_credit", "claim_moc", "supersede_certificate", "save_board_certification"):
        assert (f"cme_lms.{action}", physician.user_id) in entries
    assert ("cme_lms.record_participation", pa.user_id) in entries
    participation_certificate = ModelLogEntry.objects.get(action="cme_lms.issue_certificate", user=pa.user)
    assert participation_certificate.data["kind"] == "participation"
    superseded = ModelLogEntry.objects.get(action="cme_lms.supersede_certificate")
    assert superseded.data == {
        "code": first.code,
        "version": 1,
        "superseded_by": first.completion.current_certificate.code,
    }


# The learner's own data download holds every claim, board and certificate version


def test_the_data_download_holds_moc_claims_boards_and_certificate_versions(
    physician, activity_with_optional_module, ama, boards
):
    from lms.services.personal_data import member_data

    certify(physician, boards["ABIM"])
    claim_credit(physician, activity_with_optional_module, 45, {ama: Decimal("0.75")}, True)
    current = claim_credit(
        physician, activity_with_optional_module, 45, {}, True, moc={boards["ABIM"]: Decimal("0.75")}
    )
    revoke_certificate(current, UserFactory(username="coordinator"), "Attestation found false.")
    data = member_data(physician)
    assert data["board_certifications"] == [
        {
            "board": "ABIM",
            "diplomate_id": "123456",
            "report_consent": True,
            "consented_at": data["board_certifications"][0]["consented_at"],
        }
    ]
    (moc,) = data["moc_claims"]
    assert (moc["board"], moc["points"], moc["diplomate_id"], moc["counts"]) == ("ABIM", "0.75", "123456", False)
    assert [
        (c["version"], c["superseded_at"] is not None, c["revoked_at"] is not None) for c in data["certificates"]
    ] == [
        (1, True, False),
        (2, False, True),
    ]


def test_the_data_download_holds_a_participation(pa, activity_with_optional_module):
    from lms.services.personal_data import member_data

    claim_credit(pa, activity_with_optional_module, 40, {}, True, participation=True)
    (participation,) = member_data(pa)["participations"]
    assert participation["minutes_attested"] == 40 and participation["course_id"] == activity_with_optional_module.pk
    assert member_data(pa)["credit_claims"] == []


# MOC points on the transcript, counted by the same rule as credit


def test_the_transcript_lists_moc_points_until_the_certificate_is_revoked(
    physician, activity_with_optional_module, ama, boards, client
):
    from lms.services.transcript import transcript

    certify(physician, boards["ABIM"])
    claim_credit(physician, activity_with_optional_module, 45, {ama: Decimal("0.75")}, True)
    current = claim_credit(
        physician, activity_with_optional_module, 45, {}, True, moc={boards["ABIM"]: Decimal("0.75")}
    )
    rows, totals = transcript(physician)
    assert [(row["credit_type"], row["amount"], row["certificate_code"]) for row in rows] == [
        ("ABIM MOC points (ABIM Part II)", Decimal("0.75"), current.code),
        (ama.name, Decimal("0.75"), current.code),
    ]
    assert {"credit_type": "ABIM MOC points", "amount": Decimal("0.75")} in totals
    client.force_login(physician.user)
    assert "ABIM MOC points" in client.get(reverse("lms:dashboard")).content.decode()
    revoke_certificate(current, UserFactory(username="coordinator"), "Attestation found false.")
    assert transcript(physician) == ([], [])
