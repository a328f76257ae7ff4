"""The feed's answer is exactly what its documented serializer makes of the records, byte for byte:
claims that count in claim order, the current certificate's code, a revocation by any version
marking the entry revoked with no credit, and keyset pages after a cursor or from a time."""

import datetime
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.renderers import JSONRenderer

from courses.models import CreditType
from lms.api.feed_rows import feed_page
from lms.api.pagination import encode_cursor
from lms.api.serializers.records import FeedPageSerializer
from lms.models import Certificate, Completion, CreditClaim
from tests.factories import MemberFactory, make_course

FEED = "/api/v1/completions/feed/"
START = datetime.datetime(2026, 3, 1, 14, 5, 7, 123456, tzinfo=datetime.UTC)


def at(minutes, microseconds=0):
    return START + datetime.timedelta(minutes=minutes, microseconds=microseconds)


def complete(member_id, course, completed_at, updated_at):
    member = MemberFactory(user__username=member_id.lower(), member_id=member_id)
    completion = Completion.objects.create(member=member, course=course, completed_at=completed_at)
    Completion.objects.filter(pk=completion.pk).update(updated_at=updated_at)
    return completion


def claim(completion, credit_type, amount, claimed_at, report_consent=True):
    made = CreditClaim.objects.create(
        completion=completion,
        credit_type=credit_type,
        amount=Decimal(amount),
        minutes_attested=45,
        attestation="I attest to the time I spent.",
        report_consent=report_consent,
    )
    CreditClaim.objects.filter(pk=made.pk).update(claimed_at=claimed_at)


def certify(completion, code, version=1, superseded_at=None, revoked_at=None):
    return Certificate.objects.create(
        completion=completion,
        code=code,
        version=version,
        snapshot={},
        superseded_at=superseded_at,
        revoked_at=revoked_at,
        revoked_reason="Attendance could not be confirmed" if revoked_at else "",
    )


@pytest.fixture
def records(activity_with_post_test):
    """Five completions, changed in this order (two at the same instant, told apart by id)."""
    ama = CreditType.objects.get(code=CreditType.AMA_PRA_CATEGORY_1)
    moc = CreditType.objects.create(code="abpmr-moc-part-2", name="ABPMR MOC Part II", hour_based=False)
    other = make_course(activity_with_post_test.get_parent(), slug="second", title="Spasticity & “tone” — Übersicht")

    versions = complete("V-1", activity_with_post_test, at(0, 1), at(10, 250))
    claim(versions, ama, "0.75", at(5, 999_999))
    claim(versions, moc, "1.5", at(6), report_consent=False)
    certify(versions, "V1-FIRST", superseded_at=at(6))
    certify(versions, "V1-SECOND", version=2)

    revoked = complete("R-1", activity_with_post_test, at(1), at(11))
    claim(revoked, ama, "0.50", at(2))
    certify(revoked, "R1-ONLY", revoked_at=at(11, 42))

    # Revoking an earlier version withdraws the credit though a later version is current.
    earlier = complete("R-2", other, at(2), at(11))
    claim(earlier, ama, "0.25", at(3))
    certify(earlier, "R2-FIRST", superseded_at=at(4), revoked_at=at(9))
    certify(earlier, "R2-SECOND", version=2)

    complete("P-1", other, at(3, 7), at(12))
    complete("P-2", activity_with_post_test, at(4), at(13, 500_000))
    return Completion.objects.order_by("updated_at", "pk")


def serializer_entry(completion):
    """The entry as documented, computed the plain way from model objects."""
    certificates = list(completion.certificates.all())
    current = next((certificate for certificate in certificates if certificate.superseded_at is None), None)
    revocations = sorted(certificate.revoked_at for certificate in certificates if certificate.revoked_at)
    claims = [] if revocations else completion.claims.select_related("credit_type").order_by("pk")
    return {
        "id": completion.pk,
        "member_id": completion.member.member_id,
        "course": {"id": completion.course_id, "title": completion.course.title},
        "completed_at": completion.completed_at,
        "updated_at": completion.updated_at,
        "credit_claims": [
            {
                "credit_type": claim.credit_type.code,
                "amount": claim.amount,
                "claimed_at": claim.claimed_at,
                "report_consent": claim.report_consent,
            }
            for claim in claims
        ],
        "certificate_code": current.code if current else None,
        "certificate_revoked": bool(revocations),
        "certificate_revoked_at": revocations[-1] if revocations else None,
    }


def serializer_page(completions, cursor=None):
    last = completions[-1] if completions else None
    next_cursor = encode_cursor(last.updated_at, last.pk) if last else cursor
    data = FeedPageSerializer({"results": [serializer_entry(c) for c in completions], "next_cursor": next_cursor}).data
    return JSONRenderer().render(data)


@pytest.fixture(params=["UTC", "America/Chicago"])
def society_zone(request, settings):
    settings.TIME_ZONE = request.param
    return request.param


def test_every_page_is_what_the_serializer_makes_of_the_records(portal, records, society_zone):
    completions = list(records)
    answer = portal.get(FEED, {"page_size": 2})
    assert answer.content == serializer_page(completions[:2])
    for start in (2, 4):
        cursor = answer.json()["next_cursor"]
        answer = portal.get(FEED, {"page_size": 2, "cursor": cursor})
        assert answer.content == serializer_page(completions[start : start + 2], cursor)
    cursor = answer.json()["next_cursor"]
    at_the_end = portal.get(FEED, {"page_size": 2, "cursor": cursor})
    assert at_the_end.content == serializer_page([], cursor)


def test_the_page_from_a_time_is_what_the_serializer_makes_of_the_records(portal, records, society_zone):
    since = records[1].updated_at
    answer = portal.get(FEED, {"updated_since": since.isoformat()})
    assert answer.content == serializer_page([c for c in records if c.updated_at >= since])
    assert len(answer.json()["results"]) == 4


def test_the_records_give_the_entries_they_are_built_for(portal, records):
    entries = {entry["member_id"]: entry for entry in json.loads(serializer_page(list(records)))["results"]}
    assert [(c["credit_type"], c["amount"], c["report_consent"]) for c in entries["V-1"]["credit_claims"]] == [
        ("ama-pra-category-1", "0.75", True),
        ("abpmr-moc-part-2", "1.50", False),
    ]
    assert (entries["V-1"]["certificate_code"], entries["V-1"]["certificate_revoked"]) == ("V1-SECOND", False)
    assert entries["R-1"]["credit_claims"] == [] and entries["R-1"]["certificate_revoked"] is True
    assert entries["R-2"]["credit_claims"] == [] and entries["R-2"]["certificate_code"] == "R2-SECOND"
    assert entries["R-2"]["certificate_revoked_at"] == "2026-03-01T14:14:07.123456Z"
    assert entries["P-1"]["certificate_code"] is None and entries["P-1"]["certificate_revoked_at"] is None


def test_the_rows_built_for_the_feed_are_the_serializers_values(records, society_zone):
    completions = list(records)
    entries, last = feed_page(3)
    assert entries == json.loads(serializer_page(completions[:3]))["results"]
    assert last == (completions[2].updated_at, completions[2].pk)
    entries, last = feed_page(3, last)
    assert entries == json.loads(serializer_page(completions[3:]))["results"]
    assert feed_page(3, last) == ([], None)


def test_a_page_reads_the_entries_and_their_claims_in_two_statements(portal, records):
    first = portal.get(FEED, {"page_size": 2}).json()
    for params in ({"page_size": 2}, {"page_size": 2, "cursor": first["next_cursor"]}):
        portal.get(FEED, params)  # the key's last use is written at most once a minute
        with CaptureQueriesContext(connection) as captured:
            assert portal.get(FEED, params).status_code == 200
        entries, claims = (q["sql"] for q in captured)  # the portal's key is kept in the cache
        assert 'FROM "cme_lms_completion"' in entries and 'FROM "cme_lms_creditclaim"' in claims


def test_a_cursor_naming_an_id_no_row_can_have_is_refused(portal, records):
    forged = encode_cursor(records[0].updated_at, 2**64)
    response = portal.get(FEED, {"cursor": forged})
    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": "cursor", "message": "This cursor is not one the feed handed out."}]
