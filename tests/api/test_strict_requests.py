"""Bad input gets a problem+json error naming the field, and changes nothing."""

import pytest

from lms.models import Member
from tests.api.conftest import session_client
from tests.api.test_members_api import BODY


def fields_of(response):
    return {error["field"] for error in response.json()["errors"]}


@pytest.mark.parametrize(
    ("field", "value"),
    [("first_name", 12345), ("npi", 1245319599), ("birth_month", "3"), ("birth_day", 2.0), ("birth_month", True)],
)
def test_a_value_of_the_wrong_json_type_is_refused_not_coerced(portal, field, value):
    response = portal.put("/api/v1/members/M-1/", {**BODY, field: value}, format="json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert field in fields_of(response)
    assert not Member.objects.filter(member_id="M-1").exists()


def test_unknown_fields_are_refused_and_listed(portal, db):
    response = portal.put("/api/v1/members/M-1/", {**BODY, "nickname": "Ray", "fax": "1"}, format="json")
    assert response.status_code == 400
    assert {"nickname", "fax"} <= fields_of(response)
    assert not Member.objects.filter(member_id="M-1").exists()


def test_read_only_fields_read_back_are_accepted(portal, db):
    created = portal.put("/api/v1/members/M-1/", BODY, format="json").json()
    assert portal.put("/api/v1/members/M-1/", created, format="json").status_code == 200


def test_a_body_member_id_that_differs_from_the_url_is_refused(portal, db):
    response = portal.put("/api/v1/members/M-1/", {**BODY, "member_id": "M-2"}, format="json")
    assert response.status_code == 400
    assert fields_of(response) == {"member_id"}
    assert not Member.objects.exists()


def test_duplicate_npi_and_email_are_409_with_the_field(portal, db):
    assert portal.put("/api/v1/members/M-1/", BODY, format="json").status_code == 201
    same_npi = portal.put("/api/v1/members/M-2/", {**BODY, "email": "other@example.org"}, format="json")
    assert same_npi.status_code == 409
    assert fields_of(same_npi) == {"npi"}
    same_email = portal.put("/api/v1/members/M-3/", {**BODY, "npi": "", "email": "RAY.OSEI@example.org"}, format="json")
    assert same_email.status_code == 409
    assert fields_of(same_email) == {"email"}
    assert Member.objects.count() == 1


def test_an_npi_taken_by_an_update_is_409_too(portal, db):
    portal.put("/api/v1/members/M-1/", BODY, format="json")
    portal.put("/api/v1/members/M-2/", {**BODY, "email": "other@example.org", "npi": ""}, format="json")
    response = portal.put("/api/v1/members/M-2/", {**BODY, "email": "other@example.org"}, format="json")
    assert response.status_code == 409
    assert fields_of(response) == {"npi"}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"birth_month": 2, "birth_day": 30}, "birth_day"),
        ({"birth_month": 4, "birth_day": 31}, "birth_day"),
        ({"birth_month": 1, "birth_day": 32}, "birth_day"),
        ({"membership_expires_on": "2027-02-30"}, "membership_expires_on"),
        ({"membership_expires_on": "06/30/2027"}, "membership_expires_on"),
    ],
)
def test_impossible_dates_are_400(portal, db, change, field):
    response = portal.put("/api/v1/members/M-1/", {**BODY, **change}, format="json")
    assert response.status_code == 400
    assert field in fields_of(response)
    assert not Member.objects.exists()


@pytest.mark.parametrize("start", ["02/01/2026", "2026-02-30", "1 Feb 2026"])
def test_query_dates_are_iso_8601_only(portal, db, start):
    portal.put("/api/v1/members/M-1/", BODY, format="json")
    response = portal.get("/api/v1/members/M-1/transcript/", {"start": start})
    assert response.status_code == 400
    assert fields_of(response) == {"start"}
    assert portal.get("/api/v1/members/M-1/transcript/", {"start": "2026-02-01"}).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/catalog/abc/",
        "/api/v1/members/NOPE/",
        "/api/v1/me/attempts/abc/",
        "/api/v1/nowhere/",
        "/api/v1/certificates/XXXX/verify/",
    ],
)
def test_every_404_under_the_api_is_problem_json(portal, db, path):
    response = portal.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 404


def test_a_method_the_operation_lacks_is_problem_json(portal, db):
    response = portal.delete("/api/v1/members/M-1/")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"
    assert "GET" in response["Allow"]


@pytest.mark.parametrize("amount", ["0.30", "0", "-0.25", "0.125", "abc", True])
def test_a_claim_amount_that_is_no_positive_quarter_is_400_on_its_path(learner_a, amount):
    client = session_client(learner_a.user)
    body = {
        "minutes": 45,
        "attest": True,
        "report_consent": True,
        "amounts": [{"credit_type": "ama-pra-category-1", "amount": "0.25"}, {"credit_type": "x", "amount": amount}],
    }
    course_id = learner_a.enrollments.get().course_id
    response = client.post(f"/api/v1/me/courses/{course_id}/claims/", body, format="json")
    assert response.status_code == 400
    assert fields_of(response) == {"amounts[1].amount"}
