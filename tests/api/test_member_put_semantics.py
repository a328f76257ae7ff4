"""PUT replaces the whole member; If-Match with the member's ETag stops a stale write (412)."""

from lms.models import Member
from tests.api.test_members_api import BODY

URL = "/api/v1/members/M-1/"


def test_an_optional_field_left_out_of_a_put_is_cleared(portal, db):
    portal.put(URL, BODY, format="json")
    without = {name: value for name, value in BODY.items() if name not in ("npi", "birth_month", "birth_day")}
    response = portal.put(URL, without, format="json")
    assert response.status_code == 200
    body = response.json()
    assert (body["npi"], body["birth_month"], body["birth_day"]) == ("", None, None)
    member = Member.objects.get(member_id="M-1")
    assert (member.npi, member.birth_month) == ("", None)


def test_read_answers_the_etag_and_put_with_it_succeeds_once(portal, db):
    portal.put(URL, BODY, format="json")
    read = portal.get(URL)
    etag = read["ETag"]
    assert etag.startswith('"')
    first = portal.put(URL, {**BODY, "specialty": "Neurology"}, format="json", HTTP_IF_MATCH=etag)
    assert first.status_code == 200
    assert first["ETag"] != etag
    second = portal.put(URL, {**BODY, "specialty": "Cardiology"}, format="json", HTTP_IF_MATCH=etag)
    assert second.status_code == 412
    assert second["Content-Type"] == "application/problem+json"
    assert Member.objects.get(member_id="M-1").specialty == "Neurology"
    assert (
        portal.put(URL, {**BODY, "specialty": "Cardiology"}, format="json", HTTP_IF_MATCH=first["ETag"]).status_code
        == 200
    )


def test_if_match_star_needs_an_existing_member(portal, db):
    assert portal.put(URL, BODY, format="json", HTTP_IF_MATCH="*").status_code == 412
    assert not Member.objects.exists()
    portal.put(URL, BODY, format="json")
    assert portal.put(URL, BODY, format="json", HTTP_IF_MATCH="*").status_code == 200


def test_without_if_match_the_last_write_wins(portal, db):
    portal.put(URL, BODY, format="json")
    assert portal.put(URL, {**BODY, "specialty": "Neurology"}, format="json").status_code == 200


def test_a_portal_sets_the_licence_number_and_consent_and_a_put_without_them_clears_both(portal, db):
    body = {**BODY, "license_number": "NY-209876", "license_report_consent": True}
    assert portal.put(URL, body, format="json").status_code == 201
    read = portal.get(URL).json()
    assert (read["license_number"], read["license_report_consent"]) == ("NY-209876", True)
    assert portal.put(URL, {**body, "license_report_consent": "yes"}, format="json").status_code == 400
    assert portal.put(URL, BODY, format="json").status_code == 200
    member = Member.objects.get(member_id="M-1")
    assert (member.license_number, member.license_report_consent) == ("", False)
