"""POST /member-batches/: up to 500 members created or replaced together, by the member rules."""

from lms.models import Member, WebhookEvent
from lms.services.members import anonymize_member
from tests.api.test_members_api import BODY
from tests.factories import MemberFactory, UserFactory

URL = "/api/v1/member-batches/"


def member(number, **changes):
    return {**BODY, "member_id": f"B-{number}", "email": f"b{number}@example.org", "npi": "", **changes}


def test_a_batch_creates_updates_and_leaves_unchanged_in_one_request(portal, db):
    assert portal.put("/api/v1/members/B-0/", {**member(0), "member_id": "B-0"}, format="json").status_code == 201
    portal.put("/api/v1/members/B-1/", member(1), format="json")
    events = WebhookEvent.objects.count()
    response = portal.post(URL, {"members": [member(0), member(1, specialty="Neurology"), member(2)]}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["results"] == [
        {"member_id": "B-0", "action": "unchanged", "email_pending": False},
        {"member_id": "B-1", "action": "updated", "email_pending": False},
        {"member_id": "B-2", "action": "created", "email_pending": False},
    ]
    assert Member.objects.get(member_id="B-1").specialty == "Neurology"
    assert Member.objects.get(member_id="B-2").user.email == "b2@example.org"
    assert WebhookEvent.objects.count() == events + 2


def test_a_batch_is_a_full_replace_like_put(portal, db):
    portal.post(URL, {"members": [member(1, npi=BODY["npi"])]}, format="json")
    without_npi = {name: value for name, value in member(1).items() if name != "npi"}
    portal.post(URL, {"members": [without_npi]}, format="json")
    assert Member.objects.get(member_id="B-1").npi == ""


def test_one_refused_member_and_nothing_is_written(portal, db):
    MemberFactory(member_id="HELD", npi=BODY["npi"])
    batch = [member(1), member(2, npi=BODY["npi"]), member(3, email="B1@example.org"), member(1)]
    response = portal.post(URL, {"members": batch}, format="json")
    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["errors"]}
    assert {"members[1].npi", "members[2].email", "members[3].member_id"} <= fields
    assert not Member.objects.filter(member_id__startswith="B-").exists()


def test_the_member_rules_of_put_hold_in_a_batch(portal, db):
    staff = MemberFactory(member_id="STAFF")
    staff.user.is_staff = True
    staff.user.save()
    gone = anonymize_member(MemberFactory(member_id="GONE"), by=UserFactory(), reason="asked")
    batch = [
        member(1, member_id="STAFF", email=staff.user.email, first_name="Changed"),
        member(2, member_id=gone.member_id),
        member(3, member_id="anonymized-999"),
    ]
    response = portal.post(URL, {"members": batch}, format="json")
    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["errors"]}
    assert {"members[0].first_name", "members[1].member_id", "members[2].member_id"} <= fields


def test_field_errors_are_400_with_the_member_index(portal, db):
    response = portal.post(URL, {"members": [member(1), member(2, birth_month="3", nickname="x")]}, format="json")
    assert response.status_code == 400
    assert {"members[1].birth_month", "members[1].nickname"} <= {e["field"] for e in response.json()["errors"]}
    assert portal.post(URL, {"members": []}, format="json").status_code == 400
    assert portal.post(URL, {"members": [member(n) for n in range(501)]}, format="json").status_code == 400
    assert not Member.objects.exists()


def test_500_members_in_one_request(portal, db):
    response = portal.post(URL, {"members": [member(n) for n in range(500)]}, format="json")
    assert response.status_code == 200
    assert Member.objects.count() == 500
