"""Records a board can audit: anonymizing a member inside the retention window (LMS["RETENTION_YEARS"],
six by default) keeps what verifies each completion, readable only with a dedicated permission and
audit-logged at every reading; `complete_anonymizations` deletes it once the window has ended."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import ModelLogEntry

from lms.models import Completion, Member, RetainedRecord
from lms.services.members import anonymize_member
from lms.services.retention import REMOVE_ACTION, VIEW_ACTION
from tests.factories import UserFactory, make_catalog, make_home
from tests.reports.conftest import at, claim, complete, learner, make_activity

URL = "lms_retained_records"
COMPLETED_ON = datetime.date(2026, 3, 10)
WINDOW_END = datetime.date(2032, 3, 10)


@pytest.fixture
def anonymized(db, society_admin):
    """Ada Able, MD, completed an activity on 10 March 2026 and claimed 1.00 credit; then she was anonymized."""
    course = make_activity(make_catalog(make_home()), "kept", "Kept activity")
    member = learner(course, member_id="RET-1", first_name="Ada", last_name="Able", degree="MD", user__username="ada")
    complete(member, course, at(2026, 3, 10))
    certificate = claim(member, course, "1.00")
    anonymize_member(member, society_admin, "Erasure request")
    certificate.refresh_from_db()
    return {"member": Member.objects.get(pk=member.pk), "certificate": certificate}


def test_anonymizing_inside_the_window_keeps_the_verifiable_record(anonymized):
    record = RetainedRecord.objects.get()
    assert (record.learner_name, record.degree, record.activity_title) == ("Ada Able", "MD", "Kept activity")
    assert record.completion_date == COMPLETED_ON and record.retained_until == WINDOW_END
    assert record.credits == [{"credit_type": "AMA PRA Category 1 Credit™", "amount": "1.00"}]
    assert record.certificate_code == anonymized["certificate"].code
    # The rest is anonymized: the member, the certificate's snapshot.
    assert anonymized["member"].first_name == "Anonymized"
    assert anonymized["certificate"].snapshot["learner_name"] == "Anonymized learner"


def test_verification_still_says_valid_with_the_name(client, anonymized):
    code = anonymized["certificate"].code
    html = client.get(reverse("lms:verify", args=[code])).content.decode()
    assert "Valid." in html and "Ada Able" in html
    body = client.get(f"/api/v1/certificates/{code}/verify/").json()
    assert (body["valid"], body["learner_name"]) == (True, "Ada Able")


def test_anonymizing_after_the_window_keeps_nothing(db, society_admin, settings):
    settings.LMS = {"RETENTION_YEARS": 0}  # every window has ended: nothing to keep
    course = make_activity(make_catalog(make_home()), "old", "Old activity")
    member = learner(course, first_name="Old", last_name="Timer", user__username="old")
    complete(member, course, at(2026, 3, 10))
    anonymize_member(member, society_admin, "Erasure request")
    assert not RetainedRecord.objects.exists()
    assert Completion.objects.filter(member=member).exists()  # the completion itself stays


def test_the_command_keeps_the_record_inside_the_window_and_deletes_it_after(client, anonymized):
    out = StringIO()
    call_command("complete_anonymizations", today=WINDOW_END.isoformat(), stdout=out)
    assert "0 retained record(s) deleted" in out.getvalue()
    assert RetainedRecord.objects.exists()

    out = StringIO()
    call_command("complete_anonymizations", today=(WINDOW_END + datetime.timedelta(days=1)).isoformat(), stdout=out)
    assert "1 retained record(s) deleted: their 6-year window ended before 2032-03-11." in out.getvalue()
    assert not RetainedRecord.objects.exists()
    assert ModelLogEntry.objects.filter(action=REMOVE_ACTION).count() == 1
    # Verification now shows only what the anonymized certificate says.
    html = client.get(reverse("lms:verify", args=[anonymized["certificate"].code])).content.decode()
    assert "Ada Able" not in html and "Anonymized learner" in html


def test_the_command_refuses_a_bad_date_and_deletes_nothing(anonymized):
    with pytest.raises(CommandError, match="not a date as YYYY-MM-DD"):
        call_command("complete_anonymizations", today="2040-13-01", stdout=StringIO())
    assert RetainedRecord.objects.exists()


def staff(username, permitted):
    user = UserFactory(username=username, is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    if permitted:
        user.user_permissions.add(Permission.objects.get(codename="view_retained_records"))
    return user


def test_only_holders_of_the_permission_see_retained_records(client, anonymized):
    client.force_login(staff("clerk", permitted=False))
    response = client.get(reverse(URL), {"q": "Ada"})
    assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))  # Wagtail's refusal
    assert "Ada Able" not in client.get(response.url).content.decode()
    assert not ModelLogEntry.objects.filter(action=VIEW_ACTION).exists()


def test_every_reading_is_audit_logged_with_who_and_what(client, anonymized):
    auditor = staff("auditor", permitted=True)
    client.force_login(auditor)
    html = client.get(reverse(URL), {"q": anonymized["certificate"].code}).content.decode()
    assert "Ada Able" in html and "Kept activity" in html
    (entry,) = ModelLogEntry.objects.filter(action=VIEW_ACTION)
    assert entry.user_id == auditor.pk and entry.data["query"] == anonymized["certificate"].code
    assert "Ada" not in entry.label  # the log names the record by its row only
    assert "Ada Able" not in client.get(reverse(URL)).content.decode()  # nothing shown without a search
