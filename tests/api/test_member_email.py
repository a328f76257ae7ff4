"""The e-mail of an account that can sign in is its identity: what a portal key may and may not do to it."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client

from lms.models import EmailChange, Member, WebhookEvent
from lms.services.account_email import PASSWORD_REFUSAL, STAFF_REFUSAL, TAKEN
from tests.factories import MemberFactory

from .conftest import ALL_SCOPES, key_client, portal_key

PASSWORD = "correct horse battery"  # tests.factories.UserFactory's
BODY = {"first_name": "Priya", "last_name": "Patel", "degree": "MD", "membership_status": "active"}
VERIFIED = {"VERIFIED_EMAIL_CHANGES": True}


@pytest.fixture
def writer(db):
    return key_client(portal_key("Member writer", ["members:write"]))


@pytest.fixture
def physician(db):
    """Like the demo physician: an account that signs in with a password."""
    return MemberFactory(
        member_id="DEMO-0001",
        first_name="Priya",
        last_name="Patel",
        user__username="physician",
        user__email="physician@example.org",
    )


@pytest.fixture
def portal_member(db):
    """A member a portal created: its account has no password."""
    return MemberFactory(member_id="P-1", user__username="P-1", user__email="p1@example.org", user__password=None)


@pytest.fixture
def put(django_capture_on_commit_callbacks):
    """PUT a member as a committed request: the mails it queues for after the commit are sent."""

    def send(client, member_id, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return client.put(f"/api/v1/members/{member_id}/", {**BODY, **fields}, format="json")

    return send


def reset_mails_to(address):
    """Ask for a password reset for this address; return the addresses the link went to."""
    mail.outbox.clear()
    Client().post("/accounts/password_reset/", {"email": address})
    return [recipient for message in mail.outbox for recipient in message.to]


def assert_refused(response, status, message):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["errors"] == [{"field": "email", "message": message}]


def assert_account_email(member, address):
    member.refresh_from_db()
    member.user.refresh_from_db()
    assert (member.email, member.user.email) == (address, address)


def test_a_portal_cannot_take_over_an_account_with_a_password(put, writer, physician):
    assert reset_mails_to("physician@example.org") == ["physician@example.org"]

    response = put(writer, "DEMO-0001", email="attacker@example.net")

    assert_refused(response, 422, PASSWORD_REFUSAL)
    assert_account_email(physician, "physician@example.org")
    assert reset_mails_to("attacker@example.net") == []
    assert reset_mails_to("physician@example.org") == ["physician@example.org"]
    assert not EmailChange.objects.exists()
    assert not WebhookEvent.objects.filter(type="member.updated").exists()


def test_a_refused_email_change_changes_nothing_else_in_the_body(put, writer, physician):
    response = put(writer, "DEMO-0001", email="attacker@example.net", first_name="Mallory")
    assert response.status_code == 422
    physician.refresh_from_db()
    assert physician.first_name == "Priya"


@pytest.mark.parametrize("rights", [{"is_staff": True}, {"is_superuser": True}])
def test_a_staff_account_is_never_changed_through_the_api(put, writer, rights, settings):
    settings.LMS = VERIFIED
    staff = MemberFactory(
        member_id="S-1",
        first_name="Sam",
        last_name="Staff",
        user__username="sam",
        user__email="sam@example.org",
        user__password=None,
        **{f"user__{name}": value for name, value in rights.items()},
    )

    email_change = put(writer, "S-1", email="other@example.org", first_name="Sam", last_name="Staff")
    assert_refused(email_change, 422, STAFF_REFUSAL)
    profile = put(writer, "S-1", email="sam@example.org", first_name="Eve", last_name="Staff")
    assert profile.status_code == 422
    assert profile.json()["errors"][0]["field"] == "first_name"

    staff.refresh_from_db()
    assert staff.first_name == "Sam"
    assert_account_email(staff, "sam@example.org")
    assert not EmailChange.objects.exists() and not mail.outbox
    unchanged = put(writer, "S-1", email="SAM@example.org", first_name="Sam", last_name="Staff", degree="MD")
    assert unchanged.status_code == 200, "the same data is not a change"


def test_a_portal_sets_the_email_when_it_creates_a_member(put, writer):
    response = put(writer, "NEW-1", email="new.member@example.org")
    assert response.status_code == 201
    member = Member.objects.select_related("user").get(member_id="NEW-1")
    assert (member.email, member.user.email, member.user.has_usable_password()) == (
        "new.member@example.org",
        "new.member@example.org",
        False,
    )
    assert response.json()["pending_email"] is None


def test_a_portal_changes_the_email_of_an_account_without_a_password(put, writer, portal_member):
    response = put(writer, "P-1", email="p1.new@example.org")
    assert response.status_code == 200
    assert response.json()["email"] == "p1.new@example.org"
    assert_account_email(portal_member, "p1.new@example.org")
    assert WebhookEvent.objects.filter(type="member.updated", payload__member_id="P-1").exists()


def test_an_address_equal_but_for_case_is_no_change(put, writer, physician):
    response = put(writer, "DEMO-0001", email="Physician@Example.org")
    assert response.status_code == 200
    assert_account_email(physician, "physician@example.org")


def test_an_email_another_member_has_is_a_conflict_whatever_its_case(put, writer, physician, portal_member):
    assert_refused(put(writer, "NEW-2", email="PHYSICIAN@example.org"), 409, TAKEN)
    assert not Member.objects.filter(member_id="NEW-2").exists()
    assert_refused(put(writer, "P-1", email="Physician@EXAMPLE.org"), 409, TAKEN)
    assert_account_email(portal_member, "p1@example.org")


def confirmation_link(message):
    return re.search(r"https?://\S+|/learn/account/email/\S+", message.body).group(0)


def path_of(link):
    return link[link.index("/learn/") :]


def test_verified_change_takes_effect_only_once_the_member_confirms(put, writer, physician, settings):
    settings.LMS = VERIFIED
    response = put(writer, "DEMO-0001", email="priya.patel@example.net")

    assert response.status_code == 202
    assert (response.json()["email"], response.json()["pending_email"]) == (
        "physician@example.org",
        "priya.patel@example.net",
    )
    notice, confirmation = mail.outbox
    assert notice.to == ["physician@example.org"] and "priya.patel@example.net" in notice.body
    assert "/learn/account/" not in notice.body, "the link goes only to the new address"
    assert confirmation.to == ["priya.patel@example.net"]
    link = path_of(confirmation_link(confirmation))

    # Unconfirmed: the old address is still the account's, reset links go there.
    assert_account_email(physician, "physician@example.org")
    assert reset_mails_to("priya.patel@example.net") == []
    assert reset_mails_to("physician@example.org") == ["physician@example.org"]
    mail.outbox.clear()
    assert put(writer, "DEMO-0001", email="priya.patel@example.net").status_code == 202
    assert not mail.outbox, "asking again for the address waiting sends nothing"
    assert writer.get("/api/v1/members/DEMO-0001/").status_code == 403, "members:write does not read"

    # Whoever reads the new mailbox must also sign in as the member.
    anonymous = Client()
    assert anonymous.post(link).status_code == 302
    other = Client()
    other.force_login(MemberFactory(user__username="someone-else").user)
    assert other.post(link).status_code == 400
    assert_account_email(physician, "physician@example.org")

    member_client = Client()
    assert member_client.login(username="physician", password=PASSWORD)
    page = member_client.get(link)
    assert page.status_code == 200 and "priya.patel@example.net" in page.content.decode()
    assert_account_email(physician, "physician@example.org")
    confirmed = member_client.post(link)
    assert confirmed.status_code == 302

    assert_account_email(physician, "priya.patel@example.net")
    assert EmailChange.objects.get().confirmed_at is not None
    assert WebhookEvent.objects.filter(type="member.updated", payload__member_id="DEMO-0001").exists()
    assert reset_mails_to("physician@example.org") == []
    assert reset_mails_to("priya.patel@example.net") == ["priya.patel@example.net"]
    assert member_client.post(link).status_code == 400, "a link is used once"


def test_an_expired_or_tampered_confirmation_link_is_refused(put, writer, physician, settings, time_machine):
    settings.LMS = VERIFIED
    put(writer, "DEMO-0001", email="priya.patel@example.net")
    link = path_of(confirmation_link(mail.outbox[-1]))
    member_client = Client()
    member_client.force_login(physician.user)

    token = link.rstrip("/").rsplit("/", 1)[1]
    tampered = link.replace(token, token[:-1] + ("A" if token[-1] != "A" else "B"))
    response = member_client.post(tampered)
    assert response.status_code == 400 and "not valid" in response.content.decode()

    time_machine.move_to(datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=49))
    response = member_client.post(link)
    assert response.status_code == 400 and "expired" in response.content.decode()
    assert_account_email(physician, "physician@example.org")


def test_a_newer_request_voids_the_earlier_link(put, writer, physician, settings):
    settings.LMS = VERIFIED
    put(writer, "DEMO-0001", email="first@example.net")
    first = path_of(confirmation_link(mail.outbox[-1]))
    put(writer, "DEMO-0001", email="second@example.net")
    member_client = Client()
    member_client.force_login(physician.user)
    assert member_client.post(first).status_code == 400
    assert_account_email(physician, "physician@example.org")
    assert EmailChange.objects.get().email == "second@example.net"


def test_a_confirmation_is_refused_when_another_member_took_the_address_meanwhile(put, writer, physician, settings):
    settings.LMS = VERIFIED
    put(writer, "DEMO-0001", email="wanted@example.net")
    link = path_of(confirmation_link(mail.outbox[-1]))
    assert put(writer, "NEW-3", email="Wanted@example.net").status_code == 201
    member_client = Client()
    member_client.force_login(physician.user)
    response = member_client.post(link)
    assert response.status_code == 400 and TAKEN in response.content.decode()
    assert_account_email(physician, "physician@example.org")


def test_a_verified_change_is_refused_for_an_address_another_member_has(
    put, writer, physician, portal_member, settings
):
    settings.LMS = VERIFIED
    assert_refused(put(writer, "DEMO-0001", email="P1@example.org"), 409, TAKEN)
    assert not EmailChange.objects.exists() and not mail.outbox


def test_the_full_scope_key_reads_the_waiting_address(put, physician, settings):
    settings.LMS = VERIFIED
    portal = key_client(portal_key("Full portal", ALL_SCOPES))
    put(portal, "DEMO-0001", email="priya.patel@example.net")
    listed = portal.get("/api/v1/members/").json()["results"]
    assert [(row["email"], row["pending_email"]) for row in listed] == [
        ("physician@example.org", "priya.patel@example.net")
    ]
