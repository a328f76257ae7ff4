"""A member's licence number and licensing-board consent: set on the admin's member form, part of
the learner's own data download, gone with an anonymization."""

from lms.models import Member
from lms.services.members import anonymize_member
from lms.services.personal_data import member_data
from tests.admin.test_member_admin import form_data
from tests.factories import MemberFactory

EDIT = "/admin/snippets/cme_lms/member/edit/{}/"


def test_the_admin_records_the_licence_number_and_the_consent(admin_client, db):
    member = MemberFactory(license_states="NY")
    response = admin_client.post(
        EDIT.format(member.pk), form_data(member, license_number="NY-209876", license_report_consent="on")
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.license_number, member.license_report_consent) == ("NY-209876", True)


def test_the_learner_sees_them_in_their_data_and_anonymizing_removes_them(society_admin, db):
    member = MemberFactory(license_states="NY", license_number="NY-209876", license_report_consent=True)
    profile = member_data(member)["profile"]
    assert (profile["license_number"], profile["license_report_consent"]) == ("NY-209876", True)
    anonymize_member(member, society_admin, "Erasure request")
    member = Member.objects.get(pk=member.pk)
    assert (member.license_number, member.license_report_consent) == ("", False)
