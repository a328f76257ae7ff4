"""Joint Accreditation: nursing and pharmacy credit beside AMA credit, the JA statement where it is
carried, and pharmacy CE claimable only with what CPE Monitor reports it under."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from content.refusals import Refused
from courses.models import AcpeActivity, CMEStatementSettings, CreditDesignation, CreditType
from courses.models.statements import DEFAULT_ACCREDITATION, DEFAULT_JOINT_ACCREDITATION
from lms.models import CreditClaim, Enrollment
from lms.services.credit import claim_credit
from lms.services.members import anonymize_member
from lms.services.personal_data import member_data
from lms.validators import validate_nabp_eprofile_id
from tests.api.conftest import session_client
from tests.factories import MemberFactory
from tests.lms.credit.conftest import finish, pdf_text

ACPE = CreditType.ACPE_CONTACT_HOURS
ANCC = CreditType.ANCC_CONTACT_HOURS
UAN = "JA0000000-0000-26-001-H01-P"


@pytest.fixture
def joint_course(activity_with_optional_module):
    for code in (ANCC, ACPE):
        CreditDesignation.objects.create(
            page=activity_with_optional_module,
            credit_type=CreditType.objects.get(code=code),
            max_amount=Decimal("0.75"),
        )
    AcpeActivity.objects.create(page=activity_with_optional_module, pharmacist_uan=UAN, activity_type="K")
    activity_with_optional_module.save_revision().publish()
    return activity_with_optional_module


def learner(course, **fields):
    member = MemberFactory(**fields)
    Enrollment.objects.create(member=member, course=course)
    finish(member, course)
    return member


@pytest.fixture
def pharmacist_without_id(joint_course):
    return learner(joint_course, first_name="Phil", last_name="Macy", degree="RPh", birth_month=3, birth_day=4)


@pytest.fixture
def pharmacist(joint_course):
    return learner(
        joint_course,
        first_name="Pia",
        last_name="Rx",
        degree="PharmD",
        nabp_eprofile_id="1234567",
        birth_month=3,
        birth_day=4,
    )


def test_the_curriculum_knows_nursing_and_pharmacy_credit_with_their_own_designations(db):
    ancc, acpe = CreditType.objects.get(code=ANCC), CreditType.objects.get(code=ACPE)
    assert ancc.eligible_degrees == ["RN", "NP"] and acpe.eligible_degrees == ["PharmD", "RPh", "CPhT"]
    assert ancc.joint_accreditation and acpe.joint_accreditation
    assert ancc.designation_statement.startswith("Nurses:")
    assert acpe.designation_statement.startswith("Pharmacists and pharmacy technicians:")


def test_the_landing_page_shows_the_joint_accreditation_statement_and_each_designation(client, joint_course):
    html = client.get(joint_course.url).content.decode()
    assert "In support of improving patient care, The Sample Medical Society is jointly accredited" in html
    assert DEFAULT_ACCREDITATION not in html
    assert "Nurses: The Sample Medical Society designates this enduring material for a maximum of 0.75 ANCC" in html
    assert (
        "Pharmacists and pharmacy technicians: The Sample Medical Society designates this enduring material for a "
        f"maximum of 0.75 ACPE contact hours. UAN {UAN}; a knowledge-based activity." in html
    )


def test_an_activity_without_joint_credit_keeps_the_accme_statement(client, activity_with_optional_module):
    html = client.get(activity_with_optional_module.url).content.decode()
    assert DEFAULT_ACCREDITATION in html
    assert "jointly accredited" not in html


def test_a_society_without_joint_accreditation_keeps_the_accme_statement(joint_course):
    statements = CMEStatementSettings.for_site(joint_course.get_site())
    statements.joint_accreditation_statement = ""
    assert joint_course.get_accreditation_statement(statements) == DEFAULT_ACCREDITATION


def test_the_certificate_carries_the_joint_accreditation_statement(pharmacist, joint_course):
    certificate = claim_credit(pharmacist, joint_course, 45, {CreditType.objects.get(code=ACPE): "0.75"}, True)
    assert certificate.snapshot["accreditation_statement"] == DEFAULT_JOINT_ACCREDITATION
    assert "jointly accredited" in pdf_text(certificate)


def test_a_nurse_claims_ancc_contact_hours(joint_course):
    nurse = learner(joint_course, degree="RN")
    claim_credit(nurse, joint_course, 45, {CreditType.objects.get(code=ANCC): "0.75"}, True)
    assert CreditClaim.objects.get().credit_type.code == ANCC


def test_the_claim_service_refuses_acpe_without_the_eprofile_id(pharmacist_without_id, joint_course):
    with pytest.raises(Refused, match="add your NABP e-Profile ID to claim them"):
        claim_credit(pharmacist_without_id, joint_course, 45, {CreditType.objects.get(code=ACPE): "0.75"}, True)
    assert not CreditClaim.objects.exists()


def test_the_claim_page_says_what_is_missing_and_refuses_a_forged_claim(client, pharmacist_without_id, joint_course):
    client.force_login(pharmacist_without_id.user)
    url = reverse("lms:claim", args=[joint_course.pk])
    html = client.get(url).content.decode()
    assert "add your NABP e-Profile ID to claim them" in html
    assert f"amount_{ACPE}" not in html
    client.post(url, {"minutes": "45", "attest": "on", "report_consent": "yes", f"amount_{ACPE}": "0.75"})
    assert not CreditClaim.objects.exists()


def test_the_api_refuses_acpe_without_the_eprofile_id_with_the_field_path(pharmacist_without_id, joint_course):
    response = session_client(pharmacist_without_id.user).post(
        f"/api/v1/me/courses/{joint_course.pk}/claims/",
        {"minutes": 45, "attest": True, "report_consent": True, "amounts": [{"credit_type": ACPE, "amount": "0.75"}]},
        format="json",
    )
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "amounts[0].amount" and "NABP e-Profile ID" in error["message"]
    assert not CreditClaim.objects.exists()


def test_the_learner_adds_the_eprofile_id_and_then_claims(client, pharmacist_without_id, joint_course):
    client.force_login(pharmacist_without_id.user)
    details = reverse("lms:pharmacy_identity")
    refused = client.post(details, {"nabp_eprofile_id": "12AB", "birth_month": "3", "birth_day": "4"})
    assert "6 or 7 digits" in refused.content.decode()
    client.post(details, {"nabp_eprofile_id": "7654321", "birth_month": "2", "birth_day": "30"})
    pharmacist_without_id.refresh_from_db()
    assert pharmacist_without_id.nabp_eprofile_id == ""
    client.post(details, {"nabp_eprofile_id": "7654321", "birth_month": "3", "birth_day": "4"})
    pharmacist_without_id.refresh_from_db()
    assert pharmacist_without_id.nabp_eprofile_id == "7654321"
    url = reverse("lms:claim", args=[joint_course.pk])
    client.post(url, {"minutes": "45", "attest": "on", "report_consent": "yes", f"amount_{ACPE}": "0.75"})
    assert CreditClaim.objects.get().credit_type.code == ACPE


def test_the_claim_page_tells_a_pharmacist_where_acpe_credit_is_reported(client, pharmacist, joint_course):
    client.force_login(pharmacist.user)
    html = client.get(reverse("lms:claim", args=[joint_course.pk])).content.decode()
    assert f'name="amount_{ACPE}"' in html
    assert "ACPE contact hours are reported to NABP" in html
    assert "CPE Monitor under your NABP e-Profile ID and month and day of birth" in html


def test_a_pharmacist_with_the_eprofile_id_claims_acpe(pharmacist, joint_course):
    claim_credit(pharmacist, joint_course, 45, {CreditType.objects.get(code=ACPE): "0.75"}, True)
    assert CreditClaim.objects.get().amount == Decimal("0.75")


@pytest.mark.parametrize(
    "value, valid", [("123456", True), ("1234567", True), ("12345", False), ("12345678", False), ("12345a", False)]
)
def test_an_nabp_eprofile_id_is_six_or_seven_digits(value, valid):
    if valid:
        validate_nabp_eprofile_id(value)
    else:
        with pytest.raises(ValidationError):
            validate_nabp_eprofile_id(value)


def test_the_eprofile_id_is_personal_data_shown_to_the_learner_and_removed_on_anonymization(pharmacist):
    assert member_data(pharmacist)["profile"]["nabp_eprofile_id"] == "1234567"
    anonymize_member(pharmacist, by=pharmacist.user, reason="The learner asked.")
    pharmacist.refresh_from_db()
    assert pharmacist.nabp_eprofile_id == ""
