"""POST /member-batches/ takes a member's NABP e-Profile ID as PUT does: checked like the learner's own
form, kept when left out, cleared when blank, and one member's each; a refused batch writes nothing."""

import jsonschema
import pytest
from rest_framework.test import APIClient

from lms.models import Member
from lms.services import member_batch
from lms.services.member_batch import CONCURRENT_CHANGE
from tests.api.test_member_batches import URL, member
from tests.factories import MemberFactory


def stored_members():
    """Every member's fields as the database holds them, to show a refused batch changed nothing."""
    return {row["member_id"]: row for row in Member.objects.values()}


@pytest.fixture
def pharmacist(portal):
    """A stored member with an e-Profile ID, and a second one without."""
    response = portal.post(URL, {"members": [member(1, nabp_eprofile_id="1234567"), member(2)]}, format="json")
    assert response.status_code == 200, response.content
    return Member.objects.get(member_id="B-1")


def test_sent_it_is_stored_for_new_and_stored_members(portal, pharmacist):
    assert pharmacist.nabp_eprofile_id == "1234567"
    response = portal.post(URL, {"members": [member(2, nabp_eprofile_id="654321")]}, format="json")
    assert response.json()["results"] == [{"member_id": "B-2", "action": "updated", "email_pending": False}]
    assert Member.objects.get(member_id="B-2").nabp_eprofile_id == "654321"


def test_left_out_it_is_kept_and_a_new_member_gets_none(portal, pharmacist):
    response = portal.post(URL, {"members": [member(1, specialty="Pharmacy"), member(3)]}, format="json")
    assert response.status_code == 200, response.content
    pharmacist.refresh_from_db()
    assert (pharmacist.specialty, pharmacist.nabp_eprofile_id) == ("Pharmacy", "1234567")
    assert Member.objects.get(member_id="B-3").nabp_eprofile_id == ""


def test_left_out_with_nothing_else_changed_the_member_is_unchanged(portal, pharmacist):
    response = portal.post(URL, {"members": [member(1)]}, format="json")
    assert response.json()["results"][0]["action"] == "unchanged"


def test_sent_blank_it_is_cleared(portal, pharmacist):
    response = portal.post(URL, {"members": [member(1, nabp_eprofile_id="")]}, format="json")
    assert response.json()["results"][0]["action"] == "updated"
    pharmacist.refresh_from_db()
    assert pharmacist.nabp_eprofile_id == ""


def test_another_members_id_refuses_the_batch_and_writes_nothing(portal, pharmacist):
    MemberFactory(member_id="ELSEWHERE", nabp_eprofile_id="7654321")
    before = stored_members()
    batch = [
        member(1, specialty="Pharmacy", nabp_eprofile_id="1111111"),
        member(2, nabp_eprofile_id="1234567"),  # B-1's stored ID
        member(3, nabp_eprofile_id="7654321"),
    ]
    response = portal.post(URL, {"members": batch}, format="json")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    errors = {error["field"]: error["message"] for error in response.json()["errors"]}
    assert errors == {
        "members[1].nabp_eprofile_id": "NABP e-Profile ID 1234567 belongs to member B-1.",
        "members[2].nabp_eprofile_id": "NABP e-Profile ID 7654321 belongs to member ELSEWHERE.",
    }
    assert stored_members() == before


def test_the_same_id_for_two_members_of_a_batch_refuses_it(portal, pharmacist):
    before = stored_members()
    batch = [member(2, nabp_eprofile_id="222222"), member(3, nabp_eprofile_id="222222")]
    response = portal.post(URL, {"members": batch}, format="json")
    assert response.status_code == 422
    assert [(error["field"], error["message"]) for error in response.json()["errors"]] == [
        ("members[1].nabp_eprofile_id", "NABP e-Profile ID 222222 is also given to member B-2 on row 0."),
    ]
    assert stored_members() == before


def test_an_id_moved_off_its_member_in_the_same_batch_is_still_refused(portal, pharmacist):
    # The check reads the stored owners, as for NPIs: a portal moves an ID in two batches.
    batch = [member(1, nabp_eprofile_id=""), member(2, nabp_eprofile_id="1234567")]
    response = portal.post(URL, {"members": batch}, format="json")
    assert response.status_code == 422
    assert {error["field"] for error in response.json()["errors"]} == {"members[1].nabp_eprofile_id"}
    assert Member.objects.get(member_id="B-1").nabp_eprofile_id == "1234567"


@pytest.mark.parametrize("bad", ["12345", "12345678", "12a4567", "123 456", 1234567])
def test_an_invalid_id_is_a_400_on_its_path_and_writes_nothing(portal, pharmacist, bad):
    before = stored_members()
    batch = [member(1, specialty="Pharmacy"), member(3, nabp_eprofile_id=bad)]
    response = portal.post(URL, {"members": batch}, format="json")
    assert response.status_code == 400
    assert {error["field"] for error in response.json()["errors"]} == {"members[1].nabp_eprofile_id"}
    assert stored_members() == before


def test_an_id_given_elsewhere_while_the_batch_is_written_is_the_batchs_409(portal, db, monkeypatch):
    plan_rows = member_batch.plan_rows

    def plan_then_another_writer_takes_the_id(*args, **kwargs):
        plan = plan_rows(*args, **kwargs)
        MemberFactory(member_id="RACER", nabp_eprofile_id="333333")
        return plan

    monkeypatch.setattr(member_batch, "plan_rows", plan_then_another_writer_takes_the_id)
    response = portal.post(URL, {"members": [member(1, nabp_eprofile_id="333333")]}, format="json")
    assert response.status_code == 409
    assert response.json()["detail"] == CONCURRENT_CHANGE
    assert not Member.objects.filter(member_id="B-1").exists()


def test_a_portal_coding_from_the_openapi_document_sends_the_id(portal):
    document = APIClient().get("/api/v1/schema/", {"format": "json"}).json()
    schemas = document["components"]["schemas"]

    def resolve(schema):
        return schemas[schema["$ref"].rsplit("/", 1)[1]] if "$ref" in schema else schema

    operation = document["paths"]["/api/v1/member-batches/"]["post"]
    batch = resolve(operation["requestBody"]["content"]["application/json"]["schema"])
    item = resolve(batch["properties"]["members"]["items"])
    field = item["properties"]["nabp_eprofile_id"]
    assert "nabp_eprofile_id" not in item.get("required", [])
    assert "keeps it" in field["description"] and "batch" in field["description"]
    body = {
        "members": [
            {
                "member_id": "P-1",
                "email": "p1@example.org",
                "first_name": "Pat",
                "last_name": "Lee",
                "degree": "PharmD",
                "nabp_eprofile_id": "7777777",
            }
        ]
    }
    jsonschema.validate(body, {**batch, "components": document["components"]})
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate("7777", field)
    assert portal.post(URL, body, format="json").status_code == 200
    assert Member.objects.get(member_id="P-1").nabp_eprofile_id == "7777777"
