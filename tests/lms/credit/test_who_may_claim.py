"""Who may claim what: AMA credit for physicians, participation for others, MOC by board with
the diplomate id and consent, the statements each prints, and the reference data."""

import io
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from content.refusals import Refused
from courses.models import Board, CreditDesignation, CreditType, MocDesignation
from lms.models import BoardCertification, Certificate, CreditClaim, MocClaim, Participation
from lms.services.credit import claim_credit
from tests.lms.credit.conftest import ABIM_STATEMENT, ABP_STATEMENT, certify, pdf_text

# Who may claim AMA credit


def test_the_curriculum_credit_type_is_for_physicians(db, ama):
    assert sorted(ama.eligible_degrees) == ["DO", "MD"]
    assert ama.is_open_to("MD") and ama.is_open_to("DO") and not ama.is_open_to("PA")


def test_a_physician_claims_ama_credit(physician, activity_with_optional_module, ama):
    certificate = claim_credit(physician, activity_with_optional_module, 45, {ama: Decimal("0.75")}, True)
    assert certificate.kind == "credit" and certificate.version == 1
    assert CreditClaim.objects.get(completion__member=physician).amount == Decimal("0.75")
    assert certificate.snapshot["credits"] == [{"credit_type": ama.name, "amount": "0.75"}]


def test_a_pa_may_not_claim_ama_credit_and_nothing_is_written(pa, activity_with_optional_module, ama):
    with pytest.raises(Refused) as refusal:
        claim_credit(pa, activity_with_optional_module, 45, {ama: Decimal("0.75")}, True)
    assert refusal.value.field == "amount_ama-pra-category-1"
    assert "for MD, DO only" in refusal.value.message
    assert not CreditClaim.objects.exists() and not Certificate.objects.exists()


def test_a_pa_receives_a_certificate_of_participation(pa, activity_with_optional_module, ama):
    certificate = claim_credit(pa, activity_with_optional_module, 40, {}, True, participation=True)
    assert certificate.kind == "participation"
    assert not CreditClaim.objects.exists()
    assert Participation.objects.get(completion__member=pa).minutes_attested == 40
    assert certificate.snapshot["participation"] == {
        "hours": "0.75",
        "designations": [{"credit_type": "AMA PRA Category 1 Credits™", "max_amount": "0.75"}],
    }
    text = pdf_text(certificate)
    assert "Certificate of Participation" in text
    assert "participated in the activity for 0.75 hours" in text
    assert "designated for a maximum of 0.75" in text
    assert "claimed" not in text


def test_a_physician_cannot_take_participation_instead_of_credit(physician, activity_with_optional_module):
    with pytest.raises(Refused) as refusal:
        claim_credit(physician, activity_with_optional_module, 45, {}, True, participation=True)
    assert refusal.value.field == "participation"


def test_participation_is_recorded_once(pa, activity_with_optional_module):
    claim_credit(pa, activity_with_optional_module, 40, {}, True, participation=True)
    with pytest.raises(Refused, match="already recorded"):
        claim_credit(pa, activity_with_optional_module, 40, {}, True, participation=True)


# MOC by board


def test_moc_needs_the_boards_diplomate_id(physician, activity_with_optional_module, boards):
    with pytest.raises(Refused) as refusal:
        claim_credit(physician, activity_with_optional_module, 45, {}, True, moc={boards["ABIM"]: Decimal("0.75")})
    assert refusal.value.field == "moc_abim"
    assert "diplomate id" in refusal.value.message


def test_moc_needs_consent_for_that_board(physician, activity_with_optional_module, boards):
    certify(physician, boards["ABIM"], consent=False)
    with pytest.raises(Refused, match="Consent"):
        claim_credit(physician, activity_with_optional_module, 45, {}, True, moc={boards["ABIM"]: Decimal("0.75")})
    # A certification by another board does not open this one.
    certify(physician, boards["ABP"])
    with pytest.raises(Refused, match="Consent"):
        claim_credit(physician, activity_with_optional_module, 45, {}, True, moc={boards["ABIM"]: Decimal("0.75")})
    assert not MocClaim.objects.exists()


def test_moc_with_id_and_consent_is_claimed_under_the_diplomate_id(physician, activity_with_optional_module, boards):
    certify(physician, boards["ABIM"], diplomate_id="  ABIM-778  ")
    certificate = claim_credit(
        physician, activity_with_optional_module, 45, {}, True, moc={boards["ABIM"]: Decimal("0.50")}
    )
    claim = MocClaim.objects.get()
    assert (claim.points, claim.diplomate_id, claim.moc_type) == (Decimal("0.50"), "ABIM-778", "ABIM Part II")
    assert certificate.snapshot["moc"][0]["statement"] == ABIM_STATEMENT


def test_an_all_or_nothing_board_takes_only_the_full_points(physician, activity_with_optional_module, boards):
    certify(physician, boards["ABP"])
    with pytest.raises(Refused, match="accepts no partial credit") as refusal:
        claim_credit(physician, activity_with_optional_module, 45, {}, True, moc={boards["ABP"]: Decimal("0.50")})
    assert refusal.value.field == "moc_abp"
    claim_credit(physician, activity_with_optional_module, 45, {}, True, moc={boards["ABP"]: Decimal("0.75")})
    assert MocClaim.objects.get().points == Decimal("0.75")


def test_the_consent_time_is_kept_while_the_consent_stands(physician, boards):
    first = certify(physician, boards["ABIM"])
    given = first.consented_at
    assert certify(physician, boards["ABIM"], diplomate_id="999").consented_at == given
    assert certify(physician, boards["ABIM"], consent=False).consented_at is None
    with pytest.raises(IntegrityError), transaction.atomic():
        BoardCertification.objects.create(member=physician, board=boards["ABIM"], diplomate_id="1")


# Statements


def test_the_commensurate_sentence_is_for_ama_credit_only(physician, activity_with_optional_module, ama, boards):
    other = CreditType.objects.create(code="aapa-1", name="AAPA Category 1 CME credit", eligible_degrees=["PA"])
    CreditDesignation.objects.create(page=activity_with_optional_module, credit_type=other, max_amount=Decimal("0.50"))
    certify(physician, boards["ABIM"])
    certificate = claim_credit(
        physician,
        activity_with_optional_module,
        45,
        {ama: Decimal("0.75")},
        True,
        moc={boards["ABIM"]: Decimal("0.75")},
    )
    ama_statement, other_statement = certificate.snapshot["designation_statements"]
    assert ama_statement.endswith(
        "for a maximum of 0.75 AMA PRA Category 1 Credits™. Physicians should claim only the credit commensurate "
        "with the extent of their participation in the activity."
    )
    assert other_statement.endswith("for a maximum of 0.50 AAPA Category 1 CME credit.")
    text = pdf_text(certificate)
    assert ABIM_STATEMENT in " ".join(text.split()) and ABP_STATEMENT not in " ".join(text.split())


def test_one_credit_is_singular(activity_with_optional_module, ama):
    from courses.models import CMEStatementSettings

    designation = activity_with_optional_module.credit_designations.get()
    designation.max_amount = Decimal("1.00")
    statement = activity_with_optional_module.get_designation_statement(
        designation, CMEStatementSettings.for_site(activity_with_optional_module.get_site())
    )
    assert "for a maximum of 1.00 AMA PRA Category 1 Credit™." in statement


# Reference data and the admin


@pytest.mark.usefixtures("bundled_curriculum_day")
def test_the_curriculum_seeds_the_boards_and_designates_abim_and_abpmr_moc(db):
    from django.core.management import call_command

    call_command("load_curriculum", stdout=io.StringIO())
    assert Board.objects.get(code="ABP").all_or_nothing
    assert set(Board.objects.values_list("code", flat=True)) >= {"ABIM", "ABA", "ABPMR", "ABP", "ABS"}
    designations = MocDesignation.objects.filter(page__slug="ipm-fundamentals").select_related("board")
    assert sorted(d.board.code for d in designations) == ["ABIM", "ABPMR"]
    assert all(d.statement and d.points == Decimal("0.50") for d in designations)


def test_staff_tick_who_may_claim_a_credit_type(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_cme_courses_credittype:add"),
        {"name": "AAPA Category 1 CME credit", "code": "aapa-1", "unit": "credits", "eligible_degrees": ["PA"]},
    )
    assert response.status_code == 302
    assert CreditType.objects.get(code="aapa-1").eligible_degrees == ["PA"]


def test_staff_add_a_board_certification_on_the_member(admin_client, member):
    from tests.admin.test_member_admin import form_data

    abim = Board.objects.get(code="ABIM")
    data = {
        **form_data(member),
        "board_certifications-TOTAL_FORMS": "1",
        "board_certifications-0-board": str(abim.pk),
        "board_certifications-0-diplomate_id": "ABIM-55",
        "board_certifications-0-report_consent": "on",
        "board_certifications-0-id": "",
        "board_certifications-0-ORDER": "1",
        "board_certifications-0-DELETE": "",
    }
    response = admin_client.post(f"/admin/snippets/cme_lms/member/edit/{member.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:1000]
    certification = BoardCertification.objects.get(member=member)
    assert (certification.board, certification.diplomate_id, certification.consented_at is not None) == (
        abim,
        "ABIM-55",
        True,
    )
