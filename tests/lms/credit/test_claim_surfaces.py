"""The claim page and the learner API apply the same credit rules and refuse with the reason."""

from decimal import Decimal

import pytest
from django.urls import reverse

from lms.models import BoardCertification, Certificate, CreditClaim, MocClaim
from lms.services.certificates import revoke_certificate
from lms.services.credit import claim_credit
from tests.api.conftest import ALL_SCOPES, key_client, portal_key, session_client
from tests.factories import UserFactory
from tests.lms.credit.conftest import certify

# The claim page


@pytest.fixture
def page(client):
    def signed_in(member):
        client.force_login(member.user)
        return client

    return signed_in


def test_the_claim_page_offers_participation_to_a_pa(page, pa, activity_with_optional_module):
    url = reverse("lms:claim", args=[activity_with_optional_module.pk])
    html = page(pa).get(url).content.decode()
    assert "amount_ama-pra-category-1" not in html
    assert "certificate of participation" in html and "Record participation" in html
    response = page(pa).post(url, {"minutes": "40", "attest": "on", "report_consent": "yes", "participation": "on"})
    assert response.status_code == 302
    certificate = Certificate.objects.get(completion__member=pa)
    assert certificate.kind == "participation"
    html = page(pa).get(url).content.decode()
    assert "Download your certificate of participation" in html and "<form" not in html.split("</nav>", 1)[1]


def test_the_claim_page_refuses_ama_posted_by_a_pa(page, pa, activity_with_optional_module):
    url = reverse("lms:claim", args=[activity_with_optional_module.pk])
    page(pa).post(url, {"minutes": "45", "attest": "on", "report_consent": "yes", "amount_ama-pra-category-1": "0.75"})
    assert not CreditClaim.objects.exists()


def test_each_type_is_optional_and_the_form_stays_for_what_is_left(
    page, physician, activity_with_optional_module, boards
):
    url = reverse("lms:claim", args=[activity_with_optional_module.pk])
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


def test_the_claim_page_refuses_moc_without_consent(page, physician, activity_with_optional_module, boards):
    certify(physician, boards["ABIM"], consent=False)
    url = reverse("lms:claim", args=[activity_with_optional_module.pk])
    html = page(physician).get(url).content.decode()
    assert 'name="moc_abim"' not in html and "Consent to reporting your participation" in html
    page(physician).post(url, {"minutes": "45", "attest": "on", "report_consent": "yes", "moc_abim": "0.75"})
    assert not MocClaim.objects.exists()


def test_the_claim_page_refuses_part_of_an_all_or_nothing_board(page, physician, activity_with_optional_module, boards):
    certify(physician, boards["ABP"])
    url = reverse("lms:claim", args=[activity_with_optional_module.pk])
    response = page(physician).post(url, {"minutes": "45", "attest": "on", "report_consent": "yes", "moc_abp": "0.50"})
    assert "accepts no partial credit" in response.content.decode()
    assert not MocClaim.objects.exists()


def test_the_claim_page_refuses_after_revocation(page, physician, activity_with_optional_module, ama, boards):
    certificate = claim_credit(physician, activity_with_optional_module, 45, {ama: Decimal("0.75")}, True)
    revoke_certificate(certificate, UserFactory(username="registrar"), "Attendance not verified.")
    certify(physician, boards["ABIM"])
    url = reverse("lms:claim", args=[activity_with_optional_module.pk])
    assert "No further credit can be claimed" in page(physician).get(url).content.decode()
    page(physician).post(url, {"minutes": "45", "attest": "on", "report_consent": "yes", "moc_abim": "0.75"})
    assert not MocClaim.objects.exists()


def test_the_learner_adds_a_board_certification_on_their_profile(
    page, physician, activity_with_optional_module, boards
):
    client = page(physician)
    claim_url = reverse("lms:claim", args=[activity_with_optional_module.pk])
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


def test_the_api_refuses_ama_to_a_pa_with_the_field_path(pa, activity_with_optional_module):
    response = session_client(pa.user).post(
        claims_url(activity_with_optional_module),
        {**BODY, "amounts": [{"credit_type": "ama-pra-category-1", "amount": "0.75"}]},
        format="json",
    )
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    [error] = response.json()["errors"]
    assert error["field"] == "amounts[0].amount" and "for MD, DO only" in error["message"]
    assert not CreditClaim.objects.exists()


def test_the_api_records_a_pas_participation(pa, activity_with_optional_module):
    response = session_client(pa.user).post(
        claims_url(activity_with_optional_module), {**BODY, "participation": True}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["certificate_kind"] == "participation"
    assert Certificate.objects.get(code=response.json()["certificate_code"]).snapshot["credits"] == []


def test_the_api_moc_needs_id_and_consent(physician, activity_with_optional_module, boards):
    api = session_client(physician.user)
    body = {**BODY, "moc": [{"board": "ABIM", "points": "0.75"}]}
    refused = api.post(claims_url(activity_with_optional_module), body, format="json")
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "moc[0].points"
    certify(physician, boards["ABIM"], consent=False)
    assert api.post(claims_url(activity_with_optional_module), body, format="json").status_code == 422
    certify(physician, boards["ABIM"])
    assert api.post(claims_url(activity_with_optional_module), body, format="json").status_code == 201
    assert MocClaim.objects.get().board == boards["ABIM"]


def test_the_api_abp_all_or_nothing(physician, activity_with_optional_module, boards):
    certify(physician, boards["ABP"])
    api = session_client(physician.user)
    partial = api.post(
        claims_url(activity_with_optional_module), {**BODY, "moc": [{"board": "ABP", "points": "0.50"}]}, format="json"
    )
    assert partial.status_code == 422 and "no partial credit" in partial.json()["errors"][0]["message"]
    full = api.post(
        claims_url(activity_with_optional_module), {**BODY, "moc": [{"board": "ABP", "points": "0.75"}]}, format="json"
    )
    assert full.status_code == 201


def test_a_later_api_claim_reaches_a_new_certificate_version(physician, activity_with_optional_module, boards):
    api = session_client(physician.user)
    first = api.post(
        claims_url(activity_with_optional_module),
        {**BODY, "amounts": [{"credit_type": "ama-pra-category-1", "amount": "0.75"}]},
        format="json",
    ).json()
    certify(physician, boards["ABIM"])
    second = api.post(
        claims_url(activity_with_optional_module), {**BODY, "moc": [{"board": "ABIM", "points": "0.75"}]}, format="json"
    )
    assert second.status_code == 201
    assert second.json()["certificate_version"] == 2 and second.json()["certificate_code"] != first["certificate_code"]
    assert (
        api.get("/api/v1/me/progress/").json()["enrollments"][0]["certificate_code"]
        == second.json()["certificate_code"]
    )


def test_the_api_refuses_a_claim_after_revocation(physician, activity_with_optional_module, ama):
    certificate = claim_credit(physician, activity_with_optional_module, 30, {ama: Decimal("0.50")}, True)
    revoke_certificate(certificate, UserFactory(username="registrar"), "Attendance not verified.")
    response = session_client(physician.user).post(
        claims_url(activity_with_optional_module), {**BODY, "participation": True}, format="json"
    )
    assert response.status_code == 422 and "was revoked" in response.json()["detail"]


# Both progress APIs show MOC and participation under the rule that counts credit


def progress_entry(client, url):
    [entry] = client.get(url).json()["enrollments"]
    return entry


def test_progress_shows_moc_points_beside_credit_until_revoked(physician, activity_with_optional_module, boards, ama):
    certify(physician, boards["ABIM"])
    api = session_client(physician.user)
    created = api.post(
        claims_url(activity_with_optional_module),
        {
            **BODY,
            "amounts": [{"credit_type": "ama-pra-category-1", "amount": "0.75"}],
            "moc": [{"board": "ABIM", "points": "0.75"}],
        },
        format="json",
    )
    assert created.status_code == 201
    portal = key_client(portal_key("Progress portal", ALL_SCOPES))
    portal_url = f"/api/v1/members/{physician.member_id}/progress/"
    for entry in (progress_entry(api, "/api/v1/me/progress/"), progress_entry(portal, portal_url)):
        assert entry["credits_claimed"] == [{"credit_type": "ama-pra-category-1", "amount": "0.75"}]
        assert entry["moc_claimed"] == [{"board": "ABIM", "moc_type": "ABIM Part II", "points": "0.75"}]
        assert entry["participation_minutes"] is None
    revoke_certificate(
        Certificate.objects.get(code=created.json()["certificate_code"]),
        UserFactory(username="registrar"),
        "Attendance not verified.",
    )
    for entry in (progress_entry(api, "/api/v1/me/progress/"), progress_entry(portal, portal_url)):
        assert entry["credits_claimed"] == [] and entry["moc_claimed"] == []


def test_progress_shows_a_pas_attested_participation(pa, activity_with_optional_module):
    recorded = session_client(pa.user).post(
        claims_url(activity_with_optional_module), {**BODY, "participation": True}, format="json"
    )
    assert recorded.status_code == 201
    portal = key_client(portal_key("Progress portal", ALL_SCOPES))
    entry = progress_entry(portal, f"/api/v1/members/{pa.member_id}/progress/")
    assert entry["participation_minutes"] == 45
    assert entry["credits_claimed"] == [] and entry["moc_claimed"] == []
