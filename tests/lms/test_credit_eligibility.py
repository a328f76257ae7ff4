"""Who may claim what: AMA credit for physicians, participation for others, MOC by board, each
type optional, and certificates that follow the claims (versions, supersession, revocation)."""

import io
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from pypdf import PdfReader
from wagtail.models import ModelLogEntry

from courses.models import Board, CreditDesignation, CreditType, MocDesignation, ModulePage
from lms.models import BoardCertification, Certificate, CreditClaim, MocClaim, Participation, WebhookEvent
from lms.services.boards import save_board_certification
from lms.services.certificates import revoke_certificate
from lms.services.credit import claim_credit
from lms.services.eligibility import claim_options
from lms.services.errors import RecordRefused
from lms.services.evaluation import submit_evaluation
from lms.services.progress import complete_module
from tests.api.conftest import session_client
from tests.factories import MemberFactory, UserFactory

from .conftest import evaluation_answers, pass_post_test

ABIM_STATEMENT = (
    "Successful completion of this CME activity enables the participant to earn up to 0.75 ABIM MOC points."
)
ABP_STATEMENT = "Successful completion of this CME activity enables the learner to earn up to 0.75 ABP MOC points."


def finish(member, course):
    for module in ModulePage.objects.child_of(course).filter(required=True):
        complete_module(member, module, course)
    pass_post_test(member, course)
    submit_evaluation(member, course, evaluation_answers(course))


@pytest.fixture
def ama():
    return CreditType.objects.get(code=CreditType.AMA_PRA_CATEGORY_1)


@pytest.fixture
def boards(course):
    abim, abp = Board.objects.get(code="ABIM"), Board.objects.get(code="ABP")
    for board, statement in ((abim, ABIM_STATEMENT), (abp, ABP_STATEMENT)):
        MocDesignation.objects.create(
            page=course, board=board, moc_type=f"{board.code} Part II", points=Decimal("0.75"), statement=statement
        )
    return {"ABIM": abim, "ABP": abp}


@pytest.fixture
def physician(member, course):
    finish(member, course)
    return member


@pytest.fixture
def pa(course):
    from lms.models import Enrollment

    member = MemberFactory(user__username="pa", first_name="Pat", last_name="Assistant", degree="PA")
    Enrollment.objects.create(member=member, course=course)
    finish(member, course)
    return member


def certify(member, board, diplomate_id="123456", consent=True):
    return save_board_certification(member, board, diplomate_id, consent)


def pdf_text(certificate):
    with certificate.pdf.open("rb") as handle:
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)


# Who may claim AMA credit


def test_the_curriculum_credit_type_is_for_physicians(db, ama):
    assert sorted(ama.eligible_degrees) == ["DO", "MD"]
    assert ama.is_open_to("MD") and ama.is_open_to("DO") and not ama.is_open_to("PA")


def test_a_physician_claims_ama_credit(physician, course, ama):
    certificate = claim_credit(physician, course, 45, {ama: Decimal("0.75")}, True)
    assert certificate.kind == "credit" and certificate.version == 1
    assert CreditClaim.objects.get(completion__member=physician).amount == Decimal("0.75")
    assert certificate.snapshot["credits"] == [{"credit_type": ama.name, "amount": "0.75"}]


def test_a_pa_may_not_claim_ama_credit_and_nothing_is_written(pa, course, ama):
    with pytest.raises(RecordRefused) as refusal:
        claim_credit(pa, course, 45, {ama: Decimal("0.75")}, True)
    assert refusal.value.field == "amount_ama-pra-category-1"
    assert "for MD, DO only" in refusal.value.message
    assert not CreditClaim.objects.exists() and not Certificate.objects.exists()


def test_a_pa_receives_a_certificate_of_participation(pa, course, ama):
    certificate = claim_credit(pa, course, 40, {}, True, participation=True)
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


def test_a_physician_cannot_take_participation_instead_of_credit(physician, course):
    with pytest.raises(RecordRefused) as refusal:
        claim_credit(physician, course, 45, {}, True, participation=True)
    assert refusal.value.field == "participation"


def test_participation_is_recorded_once(pa, course):
    claim_credit(pa, course, 40, {}, True, participation=True)
    with pytest.raises(RecordRefused, match="already recorded"):
        claim_credit(pa, course, 40, {}, True, participation=True)


# MOC by board


def test_moc_needs_the_boards_diplomate_id(physician, course, boards):
    with pytest.raises(RecordRefused) as refusal:
        claim_credit(physician, course, 45, {}, True, moc={boards["ABIM"]: Decimal("0.75")})
    assert refusal.value.field == "moc_abim"
    assert "diplomate id" in refusal.value.message


def test_moc_needs_consent_for_that_board(physician, course, boards):
    certify(physician, boards["ABIM"], consent=False)
    with pytest.raises(RecordRefused, match="Consent"):
        claim_credit(physician, course, 45, {}, True, moc={boards["ABIM"]: Decimal("0.75")})
    # A certification by another board does not open this one.
    certify(physician, boards["ABP"])
    with pytest.raises(RecordRefused, match="Consent"):
        claim_credit(physician, course, 45, {}, True, moc={boards["ABIM"]: Decimal("0.75")})
    assert not MocClaim.objects.exists()


def test_moc_with_id_and_consent_is_claimed_under_the_diplomate_id(physician, course, boards):
    certify(physician, boards["ABIM"], diplomate_id="  ABIM-778  ")
    certificate = claim_credit(physician, course, 45, {}, True, moc={boards["ABIM"]: Decimal("0.50")})
    claim = MocClaim.objects.get()
    assert (claim.points, claim.diplomate_id, claim.moc_type) == (Decimal("0.50"), "ABIM-778", "ABIM Part II")
    assert certificate.snapshot["moc"][0]["statement"] == ABIM_STATEMENT


def test_an_all_or_nothing_board_takes_only_the_full_points(physician, course, boards):
    certify(physician, boards["ABP"])
    with pytest.raises(RecordRefused, match="accepts no partial credit") as refusal:
        claim_credit(physician, course, 45, {}, True, moc={boards["ABP"]: Decimal("0.50")})
    assert refusal.value.field == "moc_abp"
    claim_credit(physician, course, 45, {}, True, moc={boards["ABP"]: Decimal("0.75")})
    assert MocClaim.objects.get().points == Decimal("0.75")


def test_the_consent_time_is_kept_while_the_consent_stands(physician, boards):
    first = certify(physician, boards["ABIM"])
    given = first.consented_at
    assert certify(physician, boards["ABIM"], diplomate_id="999").consented_at == given
    assert certify(physician, boards["ABIM"], consent=False).consented_at is None
    with pytest.raises(IntegrityError), transaction.atomic():
        BoardCertification.objects.create(member=physician, board=boards["ABIM"], diplomate_id="1")


# Each type optional; certificates follow the claims


def test_ama_first_then_moc_later_supersedes_the_certificate(physician, course, ama, boards):
    first = claim_credit(physician, course, 45, {ama: Decimal("0.75")}, True)
    options = claim_options(physician, course, first.completion)
    assert not options.credit and [d.board.code for d, _ in options.moc_refused] == ["ABIM", "ABP"]
    certify(physician, boards["ABIM"])
    second = claim_credit(physician, course, 45, {}, True, moc={boards["ABIM"]: Decimal("0.75")})
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


def test_both_versions_verify_on_the_page(client, physician, course, ama, boards):
    first = claim_credit(physician, course, 45, {ama: Decimal("0.75")}, True)
    certify(physician, boards["ABIM"])
    second = claim_credit(physician, course, 45, {}, True, moc={boards["ABIM"]: Decimal("0.75")})
    old = client.get(reverse("lms:verify", args=[first.code])).content.decode()
    assert "Superseded." in old and reverse("lms:verify", args=[second.code]) in old
    new = client.get(reverse("lms:verify", args=[second.code])).content.decode()
    assert "Valid." in new and "version 2" in new and "0.75 ABIM MOC points" in new


def test_both_versions_verify_through_the_api(client, physician, course, ama, boards):
    first = claim_credit(physician, course, 45, {ama: Decimal("0.75")}, True)
    certify(physician, boards["ABIM"])
    second = claim_credit(physician, course, 45, {}, True, moc={boards["ABIM"]: Decimal("0.75")})
    old = client.get(f"/api/v1/certificates/{first.code}/verify/").json()
    assert (old["superseded_by"], old["version"], old["valid"]) == (second.code, 1, True)
    new = client.get(f"/api/v1/certificates/{second.code}/verify/").json()
    assert (new["superseded_by"], new["version"], new["moc"][0]["board_code"]) == (None, 2, "ABIM")


def test_the_database_holds_one_current_certificate_per_completion(physician, course, ama):
    certificate = claim_credit(physician, course, 45, {ama: Decimal("0.75")}, True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(completion=certificate.completion, code="X", snapshot={}, version=2)


def test_a_claim_after_revocation_is_refused(physician, course, ama, boards):
    certificate = claim_credit(physician, course, 45, {ama: Decimal("0.75")}, True)
    revoke_certificate(certificate, UserFactory(username="registrar"), "Attendance not verified.")
    certify(physician, boards["ABIM"])
    with pytest.raises(RecordRefused, match="was revoked"):
        claim_credit(physician, course, 45, {}, True, moc={boards["ABIM"]: Decimal("0.75")})
    assert Certificate.objects.count() == 1 and not MocClaim.objects.exists()


# Statements


def test_the_commensurate_sentence_is_for_ama_credit_only(physician, course, ama, boards):
    other = CreditType.objects.create(code="aapa-1", name="AAPA Category 1 CME credit", eligible_degrees=["PA"])
    CreditDesignation.objects.create(page=course, credit_type=other, max_amount=Decimal("0.50"))
    certify(physician, boards["ABIM"])
    certificate = claim_credit(
        physician, course, 45, {ama: Decimal("0.75")}, True, moc={boards["ABIM"]: Decimal("0.75")}
    )
    ama_statement, other_statement = certificate.snapshot["designation_statements"]
    assert ama_statement.endswith(
        "for a maximum of 0.75 AMA PRA Category 1 Credits™. Physicians should claim only the credit commensurate "
        "with the extent of their participation in the activity."
    )
    assert other_statement.endswith("for a maximum of 0.50 AAPA Category 1 CME credit.")
    text = pdf_text(certificate)
    assert ABIM_STATEMENT in " ".join(text.split()) and ABP_STATEMENT not in " ".join(text.split())


def test_one_credit_is_singular(course, ama):
    from courses.models import CMEStatementSettings

    designation = course.credit_designations.get()
    designation.max_amount = Decimal("1.00")
    statement = course.get_designation_statement(designation, CMEStatementSettings.for_site(course.get_site()))
    assert "for a maximum of 1.00 AMA PRA Category 1 Credit™." in statement


# Audit


def test_claims_supersession_and_participation_are_in_the_audit_log(physician, pa, course, ama, boards):
    first = claim_credit(physician, course, 45, {ama: Decimal("0.75")}, True)
    certify(physician, boards["ABIM"])
    claim_credit(physician, course, 45, {}, True, moc={boards["ABIM"]: Decimal("0.75")})
    claim_credit(pa, course, 40, {}, True, participation=True)
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


# The claim page


@pytest.fixture
def page(client):
    def signed_in(member):
        client.force_login(member.user)
        return client

    return signed_in


def test_the_claim_page_offers_participation_to_a_pa(page, pa, course):
    url = reverse("lms:claim", args=[course.pk])
    html = page(pa).get(url).content.decode()
    assert "amount_ama-pra-category-1" not in html
    assert "certificate of participation" in html and "Record participation" in html
    response = page(pa).post(url, {"minutes": "40", "attest": "on", "report_consent": "yes", "participation": "on"})
    assert response.status_code == 302
    certificate = Certificate.objects.get(completion__member=pa)
    assert certificate.kind == "participation"
    html = page(pa).get(url).content.decode()
    assert "Download your certificate of participation" in html and "<form" not in html.split("</nav>", 1)[1]


def test_the_claim_page_refuses_ama_posted_by_a_pa(page, pa, course):
    url = reverse("lms:claim", args=[course.pk])
    page(pa).post(url, {"minutes": "45", "attest": "on", "report_consent": "yes", "amount_ama-pra-category-1": "0.75"})
    assert not CreditClaim.objects.exists()


def test_each_type_is_optional_and_the_form_stays_for_what_is_left(page, physician, course, boards):
    url = reverse("lms:claim", args=[course.pk])
    certify(physician, boards["ABIM"])
    client = page(physician)
    nothing = client.post(
        url, {"minutes": "45", "attest": "on", "report_consent": "yes", "amount_ama-pra-category-1": "0"}
    )
    assert "Choose the credit you claim." in nothing.content.decode()
    client.post(url, {"minutes": "45", "attest": "on", "report_consent": "yes", "amount_ama-pra-category-1": "0.75"})
    html = client.get(url).content.decode()
    assert "Claim more" in html and 'name="moc_abim"' in html and "amount_ama-pra-category-1" not in html
    assert "Add your ABP diplomate id" in html
    client.post(url, {"minutes": "45", "attest": "on", "report_consent": "yes", "moc_abim": "0.75"})
    assert MocClaim.objects.get().points == Decimal("0.75")
    assert Certificate.objects.current().get().version == 2
    assert "Claim more" not in client.get(url).content.decode()


def test_the_claim_page_refuses_moc_without_consent(page, physician, course, boards):
    certify(physician, boards["ABIM"], consent=False)
    url = reverse("lms:claim", args=[course.pk])
    html = page(physician).get(url).content.decode()
    assert 'name="moc_abim"' not in html and "Consent to reporting your participation" in html
    page(physician).post(url, {"minutes": "45", "attest": "on", "report_consent": "yes", "moc_abim": "0.75"})
    assert not MocClaim.objects.exists()


def test_the_claim_page_refuses_part_of_an_all_or_nothing_board(page, physician, course, boards):
    certify(physician, boards["ABP"])
    url = reverse("lms:claim", args=[course.pk])
    response = page(physician).post(url, {"minutes": "45", "attest": "on", "report_consent": "yes", "moc_abp": "0.50"})
    assert "accepts no partial credit" in response.content.decode()
    assert not MocClaim.objects.exists()


def test_the_claim_page_refuses_after_revocation(page, physician, course, ama, boards):
    certificate = claim_credit(physician, course, 45, {ama: Decimal("0.75")}, True)
    revoke_certificate(certificate, UserFactory(username="registrar"), "Attendance not verified.")
    certify(physician, boards["ABIM"])
    url = reverse("lms:claim", args=[course.pk])
    assert "No further credit can be claimed" in page(physician).get(url).content.decode()
    page(physician).post(url, {"minutes": "45", "attest": "on", "report_consent": "yes", "moc_abim": "0.75"})
    assert not MocClaim.objects.exists()


def test_the_learner_adds_a_board_certification_on_their_profile(page, physician, course, boards):
    client = page(physician)
    claim_url = reverse("lms:claim", args=[course.pk])
    response = client.post(
        reverse("lms:boards"),
        {"board": boards["ABIM"].pk, "diplomate_id": "ABIM-1", "report_consent": "on", "next": claim_url},
    )
    assert response["Location"] == claim_url
    assert BoardCertification.objects.get(member=physician).consented_at is not None
    away = client.post(
        reverse("lms:boards"),
        {"board": boards["ABIM"].pk, "diplomate_id": "ABIM-1", "next": "https://evil.example/"},
    )
    assert away["Location"] == reverse("lms:boards")


# The API agrees


def claims_url(course):
    return f"/api/v1/me/courses/{course.pk}/claims/"


BODY = {"minutes": 45, "attest": True, "report_consent": True}


def test_the_api_refuses_ama_to_a_pa_with_the_field_path(pa, course):
    response = session_client(pa.user).post(
        claims_url(course),
        {**BODY, "amounts": [{"credit_type": "ama-pra-category-1", "amount": "0.75"}]},
        format="json",
    )
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    [error] = response.json()["errors"]
    assert error["field"] == "amounts[0].amount" and "for MD, DO only" in error["message"]
    assert not CreditClaim.objects.exists()


def test_the_api_records_a_pas_participation(pa, course):
    response = session_client(pa.user).post(claims_url(course), {**BODY, "participation": True}, format="json")
    assert response.status_code == 201
    assert response.json()["certificate_kind"] == "participation"
    assert Certificate.objects.get(code=response.json()["certificate_code"]).snapshot["credits"] == []


def test_the_api_moc_needs_id_and_consent(physician, course, boards):
    api = session_client(physician.user)
    body = {**BODY, "moc": [{"board": "ABIM", "points": "0.75"}]}
    refused = api.post(claims_url(course), body, format="json")
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "moc[0].points"
    certify(physician, boards["ABIM"], consent=False)
    assert api.post(claims_url(course), body, format="json").status_code == 422
    certify(physician, boards["ABIM"])
    assert api.post(claims_url(course), body, format="json").status_code == 201
    assert MocClaim.objects.get().board == boards["ABIM"]


def test_the_api_abp_all_or_nothing(physician, course, boards):
    certify(physician, boards["ABP"])
    api = session_client(physician.user)
    partial = api.post(claims_url(course), {**BODY, "moc": [{"board": "ABP", "points": "0.50"}]}, format="json")
    assert partial.status_code == 422 and "no partial credit" in partial.json()["errors"][0]["message"]
    full = api.post(claims_url(course), {**BODY, "moc": [{"board": "ABP", "points": "0.75"}]}, format="json")
    assert full.status_code == 201


def test_a_later_api_claim_reaches_a_new_certificate_version(physician, course, boards):
    api = session_client(physician.user)
    first = api.post(
        claims_url(course),
        {**BODY, "amounts": [{"credit_type": "ama-pra-category-1", "amount": "0.75"}]},
        format="json",
    ).json()
    certify(physician, boards["ABIM"])
    second = api.post(claims_url(course), {**BODY, "moc": [{"board": "ABIM", "points": "0.75"}]}, format="json")
    assert second.status_code == 201
    assert second.json()["certificate_version"] == 2 and second.json()["certificate_code"] != first["certificate_code"]
    assert (
        api.get("/api/v1/me/progress/").json()["enrollments"][0]["certificate_code"]
        == second.json()["certificate_code"]
    )


def test_the_api_refuses_a_claim_after_revocation(physician, course, ama):
    certificate = claim_credit(physician, course, 30, {ama: Decimal("0.50")}, True)
    revoke_certificate(certificate, UserFactory(username="registrar"), "Attendance not verified.")
    response = session_client(physician.user).post(claims_url(course), {**BODY, "participation": True}, format="json")
    assert response.status_code == 422 and "was revoked" in response.json()["detail"]


# Reference data and the admin


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


# The learner's own data download holds every claim, board and certificate version


def test_the_data_download_holds_moc_claims_boards_and_certificate_versions(physician, course, ama, boards):
    from lms.services.personal_data import member_data

    certify(physician, boards["ABIM"])
    claim_credit(physician, course, 45, {ama: Decimal("0.75")}, True)
    current = claim_credit(physician, course, 45, {}, True, moc={boards["ABIM"]: Decimal("0.75")})
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


def test_the_data_download_holds_a_participation(pa, course):
    from lms.services.personal_data import member_data

    claim_credit(pa, course, 40, {}, True, participation=True)
    (participation,) = member_data(pa)["participations"]
    assert participation["minutes_attested"] == 40 and participation["course_id"] == course.pk
    assert member_data(pa)["credit_claims"] == []


# MOC points on the transcript, counted by the same rule as credit


def test_the_transcript_lists_moc_points_until_the_certificate_is_revoked(physician, course, ama, boards, client):
    from lms.services.transcript import transcript

    certify(physician, boards["ABIM"])
    claim_credit(physician, course, 45, {ama: Decimal("0.75")}, True)
    current = claim_credit(physician, course, 45, {}, True, moc={boards["ABIM"]: Decimal("0.75")})
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
