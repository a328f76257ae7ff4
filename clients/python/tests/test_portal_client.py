"""The client against a live test server of the site, as a portal developer would use it."""

import pytest

from cme_portal_client import Conflict, NotFound, PortalClient, PreconditionFailed
from lms.models import PortalAPIKey, Scope
from lms.models import PortalClient as PortalRecord
from lms.webhooks.outbox import emit
from tests.factories import make_catalog, make_course, make_home, make_module

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ADA = {"email": "ada@example.org", "first_name": "Ada", "last_name": "Lovelace", "degree": "MD"}


@pytest.fixture
def cme(live_server):
    record = PortalRecord.objects.create(name="Client tests", scopes=[scope.value for scope in Scope])
    _, key = PortalAPIKey.objects.create_key(name="tests", client=record)
    with PortalClient(live_server.url, key) as client:
        yield client


def test_the_portal_and_the_rate_limit(cme):
    portal = cme.portal()
    assert portal["name"] == "Client tests"
    assert "members:write" in portal["scopes"]
    assert cme.rate_limit.limit == 1200 and cme.rate_limit.remaining < 1200


def test_members_put_read_find_page_and_conflicts(cme):
    created, etag = cme.put_member("M-1", ADA)
    assert created["member_id"] == "M-1" and etag
    member, read_etag = cme.member("M-1")
    assert member == created and read_etag == etag
    cme.put_member("M-1", {**ADA, "specialty": "Neurology"}, if_match=etag)
    with pytest.raises(PreconditionFailed):
        cme.put_member("M-1", {**ADA, "specialty": "Cardiology"}, if_match=etag)
    with pytest.raises(Conflict) as conflict:
        cme.put_member("M-2", {**ADA, "email": "ADA@example.org"})
    assert conflict.value.fields == {"email"}
    assert cme.find_member(email="Ada@Example.org")["member_id"] == "M-1"
    assert cme.find_member(npi="1245319599") is None
    with pytest.raises(NotFound):
        cme.member("NOBODY")


def test_sync_members_in_batches_then_page_through_them(cme):
    members = [{**ADA, "member_id": f"S-{n}", "email": f"s{n}@example.org"} for n in range(501)]
    results = cme.sync_members(members)
    assert [result["action"] for result in results] == ["created"] * 501
    assert sorted(member["member_id"] for member in cme.iter_members()) == sorted(m["member_id"] for m in members)
    assert {result["action"] for result in cme.sync_members(members[:3])} == {"unchanged"}


def test_catalog_and_events(cme):
    course = make_course(make_catalog(make_home()), slug="client-course", title="Client course")
    make_module(course, slug="m1")
    [listed] = list(cme.iter_catalog())
    assert listed["id"] == course.pk and listed["modules"][0]["slug"] == "m1"
    assert cme.course(course.pk)["title"] == "Client course"
    event = emit("member.updated", {"member_id": "M-9", "updated_at": "2026-10-01T00:00:00+00:00"})
    assert [e["id"] for e in cme.iter_events(since="2000-01-01T00:00:00Z")][-1] == str(event.id)
