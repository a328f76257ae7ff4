"""The admin's member form and Wagtail's user settings follow the e-mail rule of the API and the import."""

import html

import pytest
from django.core import mail

from lms.models import EmailChange, Member
from lms.services.account_email import PASSWORD_REFUSAL, STAFF_REFUSAL, TAKEN
from tests.factories import MemberFactory, UserFactory

EDIT = "/admin/snippets/cme_lms/member/edit/{}/"
ADD = "/admin/snippets/cme_lms/member/add/"


def form_data(member, **changes):
    data = {
        "member_id": member.member_id,
        "email": member.email,
        "first_name": member.first_name,
        "last_name": member.last_name,
        "degree": member.degree,
        "npi": member.npi,
        "board_id": member.board_id,
        "specialty": member.specialty,
        "birth_month": "",
        "birth_day": "",
        "license_states": member.license_states,
        "membership_status": member.membership_status,
        "membership_expires_on": "",
        # The board certifications inline, empty.
        "board_certifications-TOTAL_FORMS": "0",
        "board_certifications-INITIAL_FORMS": "0",
        "board_certifications-MIN_NUM_FORMS": "0",
        "board_certifications-MAX_NUM_FORMS": "1000",
    }
    return {**data, **changes}


def edit(client, member, **changes):
    return client.post(EDIT.format(member.pk), form_data(member, **changes))


def page(response):
    return html.unescape(response.content.decode())


def addresses(member):
    member = Member.objects.select_related("user").get(pk=member.pk)
    return member.email, member.user.email


@pytest.fixture
def portal_member(db):
    return MemberFactory(member_id="P-1", user__username="P-1", user__email="p1@example.org", user__password=None)


@pytest.fixture
def physician(db):
    return MemberFactory(member_id="D-1", user__username="physician", user__email="physician@example.org")


def test_the_admin_changes_the_address_of_an_account_without_a_password(admin_client, portal_member):
    response = edit(admin_client, portal_member, email="p1.new@example.org", first_name="Renamed")
    assert response.status_code == 302
    assert addresses(portal_member) == ("p1.new@example.org", "p1.new@example.org")
    assert Member.objects.get(pk=portal_member.pk).first_name == "Renamed"


def test_an_address_another_member_has_is_a_form_error_whatever_its_case(admin_client, portal_member, physician):
    response = edit(admin_client, portal_member, email="PHYSICIAN@Example.org", first_name="Renamed")
    assert response.status_code == 200
    assert TAKEN in page(response)
    assert addresses(portal_member) == ("p1@example.org", "p1@example.org")
    assert Member.objects.get(pk=portal_member.pk).first_name != "Renamed"


def test_a_new_address_for_an_account_with_a_password_is_a_form_error(admin_client, physician):
    response = edit(admin_client, physician, email="attacker@example.net")
    assert response.status_code == 200
    assert PASSWORD_REFUSAL in page(response)
    assert addresses(physician) == ("physician@example.org", "physician@example.org")


def test_with_verified_changes_the_admin_asks_the_member_to_confirm(
    admin_client, physician, settings, django_capture_on_commit_callbacks
):
    settings.LMS = {"VERIFIED_EMAIL_CHANGES": True}
    with django_capture_on_commit_callbacks(execute=True):
        assert edit(admin_client, physician, email="priya.new@example.net").status_code == 302
    assert addresses(physician) == ("physician@example.org", "physician@example.org")
    assert EmailChange.objects.get(member=physician).email == "priya.new@example.net"
    assert sorted(message.to[0] for message in mail.outbox) == ["physician@example.org", "priya.new@example.net"]
    assert "priya.new@example.net waits for the member" in page(admin_client.get(EDIT.format(physician.pk)))


def test_a_staff_accounts_address_is_a_form_error(admin_client, db):
    staff = MemberFactory(member_id="S-1", user__username="sam", user__email="sam@example.org", user__is_staff=True)
    response = edit(admin_client, staff, email="sam.new@example.org")
    assert STAFF_REFUSAL in page(response)
    assert addresses(staff) == ("sam@example.org", "sam@example.org")


def test_a_member_keeps_the_account_it_was_added_with(admin_client, portal_member):
    other = UserFactory(username="other")
    edit(admin_client, portal_member, user=other.pk, first_name="Renamed")
    assert Member.objects.get(pk=portal_member.pk).user_id == portal_member.user_id


def test_a_member_added_in_the_admin_takes_its_accounts_address(client, physician):
    # Adding members is a superuser's task: Society admins edit the members portals and imports create.
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    account = UserFactory(username="new-account", email="new.account@example.org", password=None)
    blank = Member(member_id="A-1", first_name="Ann", last_name="New", degree="MD", membership_status="active")
    response = client.post(ADD, {**form_data(blank, email=""), "user": account.pk})
    assert response.status_code == 302
    assert addresses(Member.objects.get(member_id="A-1")) == ("new.account@example.org", "new.account@example.org")

    taken = UserFactory(username="taken-account", email="Physician@example.org")
    response = client.post(ADD, {**form_data(blank, member_id="A-2", email=""), "user": taken.pk})
    assert response.status_code == 200 and TAKEN in page(response)
    assert not Member.objects.filter(member_id="A-2").exists()


def test_wagtail_user_settings_keep_the_members_copy_and_refuse_a_taken_address(client, portal_member, physician):
    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(superuser)
    account = portal_member.user
    data = {
        "username": account.username,
        "email": "PHYSICIAN@example.org",
        "first_name": "Pat",
        "last_name": "One",
        "is_active": "on",
        "password1": "",
        "password2": "",
    }
    url = f"/admin/users/edit/{account.pk}/"
    response = client.post(url, data, follow=True)
    assert TAKEN in page(response)
    assert addresses(portal_member) == ("p1@example.org", "p1@example.org")

    response = client.post(url, {**data, "email": "p1.elsewhere@example.org"})
    assert response.status_code == 302
    assert addresses(portal_member) == ("p1.elsewhere@example.org", "p1.elsewhere@example.org")
