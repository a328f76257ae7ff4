"""An anonymized member takes no write from a portal or an import: any value would name them again."""

import pytest

from lms.imports.plan import plan_import
from lms.imports.reading import COLUMNS
from lms.models import Member, WebhookEvent
from lms.services.members import ANONYMIZED_REFUSAL, RESERVED_ID_REFUSAL, STAFF_MEMBER_REFUSAL, anonymize_member
from tests.factories import MemberFactory, UserFactory

from .conftest import key_client, portal_key

BODY = {
    "first_name": "Priya",
    "last_name": "Patel",
    "degree": "MD",
    "membership_status": "active",
    "email": "p7@example.org",
}


@pytest.fixture
def writer(db):
    return key_client(portal_key("Member writer", ["members:write"]))


@pytest.fixture
def anonymized(db):
    member = MemberFactory(member_id="P-7", user__username="P-7", user__email="p7@example.org", user__password=None)
    anonymize_member(member, UserFactory(is_superuser=True), "Erasure request")
    member.refresh_from_db()
    return member


def the_same(member):
    stored = Member.objects.select_related("user").get(pk=member.pk)
    return (stored.member_id, stored.first_name, stored.last_name, stored.npi, stored.email, stored.user.email) == (
        member.member_id,
        member.first_name,
        member.last_name,
        member.npi,
        member.email,
        member.user.email,
    )


def assert_refused(response, field, message):
    assert response.status_code == 422, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["errors"] == [{"field": field, "message": message}]


@pytest.mark.parametrize(
    "fields",
    [
        {"email": "p7@example.org"},
        {"npi": "1234567893"},
        {"email": "someone.new@example.org"},
    ],
    ids=["the old e-mail", "an NPI", "a new e-mail"],
)
def test_a_portal_cannot_write_to_an_anonymized_member(writer, anonymized, fields):
    events_before = WebhookEvent.objects.count()

    response = writer.put(f"/api/v1/members/{anonymized.member_id}/", {**BODY, **fields}, format="json")

    assert_refused(response, "member_id", ANONYMIZED_REFUSAL)
    assert the_same(anonymized)
    assert WebhookEvent.objects.count() == events_before


def test_a_portal_cannot_create_a_member_under_an_anonymized_id(writer, db):
    response = writer.put("/api/v1/members/anonymized-123/", BODY, format="json")

    assert_refused(response, "member_id", RESERVED_ID_REFUSAL)
    assert not Member.objects.filter(member_id="anonymized-123").exists()


def csv_text(*lines):
    return "\n".join([",".join(COLUMNS), *lines]) + "\n"


def row_errors(text):
    return [(error.row, error.field, error.message) for error in plan_import(text).errors]


def test_an_import_row_for_an_anonymized_member_is_an_error(anonymized):
    text = csv_text(f"{anonymized.member_id},Priya,Patel,p7@example.org,MD,,,,,active,")
    assert row_errors(text) == [(2, "member_id", ANONYMIZED_REFUSAL)]


def test_an_import_row_creating_an_anonymized_id_is_an_error(db):
    assert row_errors(csv_text("anonymized-9,Priya,Patel,p9@example.org,MD,,,,,active,")) == [
        (2, "member_id", RESERVED_ID_REFUSAL)
    ]


def test_an_import_changes_a_staff_members_profile_no_more_than_a_portal_does(db):
    MemberFactory(
        member_id="S-1",
        first_name="Sam",
        last_name="Staff",
        degree="MD",
        user__username="sam",
        user__email="sam@example.org",
        user__is_staff=True,
    )
    assert row_errors(csv_text("S-1,Eve,Staff,sam@example.org,MD,,,,,active,")) == [
        (2, "first_name", STAFF_MEMBER_REFUSAL)
    ]
