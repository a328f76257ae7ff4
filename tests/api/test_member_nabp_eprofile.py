"""A portal reads and writes a member's NABP e-Profile ID as the OpenAPI document describes it: checked
like the learner's own form, 409 when another member has it, and kept by a PUT that leaves it out, so a
portal written before the field never erases the ID a learner entered (batches: test_member_batch_nabp_eprofile.py)."""

import jsonschema
import pytest
from rest_framework.test import APIClient

from lms.models import Member
from lms.services.nabp import save_nabp_details
from tests.api.test_members_api import BODY

URL = "/api/v1/members/M-1/"


@pytest.fixture
def document(db):
    return APIClient().get("/api/v1/schema/", {"format": "json"}).json()


def field_schema(document, component):
    return document["components"]["schemas"][component]["properties"]["nabp_eprofile_id"]


def test_the_document_describes_the_field_read_and_written(document):
    assert document["info"]["version"].startswith("1.3.0 ")
    for component in ("Member", "MemberRequest"):
        assert [branch.get("pattern") for branch in field_schema(document, component)["oneOf"]] == [
            "^[0-9]{6,7}$",
            None,  # blank, for none
        ]
    assert "nabp_eprofile_id" not in document["components"]["schemas"]["MemberRequest"].get("required", [])
    batch_member = document["components"]["schemas"]["BatchMemberRequest"]
    assert batch_member["properties"]["nabp_eprofile_id"] == field_schema(document, "MemberRequest")
    assert "nabp_eprofile_id" not in batch_member.get("required", [])


def test_put_sets_it_and_get_shows_it_as_the_document_types_it(portal, document):
    assert portal.put(URL, {**BODY, "nabp_eprofile_id": "1234567"}, format="json").status_code == 201
    read = portal.get(URL).json()
    assert read["nabp_eprofile_id"] == "1234567"
    jsonschema.validate(read["nabp_eprofile_id"], field_schema(document, "Member"))
    jsonschema.validate("", field_schema(document, "MemberRequest"))
    assert Member.objects.get(member_id="M-1").nabp_eprofile_id == "1234567"


@pytest.mark.parametrize("bad", ["12345", "12345678", "12a4567", "123 456", 1234567])
def test_a_bad_id_is_a_400_problem_naming_the_field_and_saves_nothing(portal, document, bad):
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, field_schema(document, "MemberRequest"))
    response = portal.put(URL, {**BODY, "nabp_eprofile_id": bad}, format="json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert {error["field"] for error in response.json()["errors"]} == {"nabp_eprofile_id"}
    assert not Member.objects.filter(member_id="M-1").exists()


def test_a_put_that_leaves_it_out_keeps_it_and_a_blank_clears_it(portal, db):
    portal.put(URL, {**BODY, "nabp_eprofile_id": "123456"}, format="json")
    response = portal.put(URL, {**BODY, "specialty": "Neurology"}, format="json")
    assert response.status_code == 200
    assert response.json()["nabp_eprofile_id"] == "123456"
    assert portal.put(URL, {**BODY, "nabp_eprofile_id": ""}, format="json").json()["nabp_eprofile_id"] == ""
    assert Member.objects.get(member_id="M-1").nabp_eprofile_id == ""


def test_the_id_a_learner_entered_survives_a_portal_that_does_not_know_the_field(portal, db):
    portal.put(URL, BODY, format="json")
    member = Member.objects.get(member_id="M-1")
    save_nabp_details(member, "7654321", BODY["birth_month"], BODY["birth_day"])
    assert portal.put(URL, {**BODY, "first_name": "Raymond"}, format="json").status_code == 200
    member.refresh_from_db()
    assert (member.first_name, member.nabp_eprofile_id) == ("Raymond", "7654321")


def test_another_members_id_is_a_409_on_the_field(portal, db):
    portal.put(URL, {**BODY, "nabp_eprofile_id": "123456"}, format="json")
    other = {**BODY, "email": "other@example.org", "npi": "", "nabp_eprofile_id": "123456"}
    response = portal.put("/api/v1/members/M-2/", other, format="json")
    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == "nabp_eprofile_id"
    assert not Member.objects.filter(member_id="M-2").exists()
    portal.put("/api/v1/members/M-2/", {**other, "nabp_eprofile_id": ""}, format="json")
    changed = portal.put("/api/v1/members/M-2/", other, format="json")
    assert changed.status_code == 409
    assert Member.objects.get(member_id="M-2").nabp_eprofile_id == ""
