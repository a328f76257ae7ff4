import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission

from courses.models import CreditDesignation, CreditType
from lms.models import ActivityReporting, Certificate, Completion, CpeMonitorBatch, Member, ParsBatch
from quizzes.models import AttemptGrant
from tests.factories import MemberFactory, UserFactory, make_quiz

from .conftest import AMA, certify, complete


@pytest.fixture
def records(activity_with_moc):
    member = MemberFactory(member_id="M300")
    certificate = certify(complete(member, activity_with_moc, datetime.date(2026, 3, 1), {AMA: "1.00"}))
    quiz = make_quiz(activity_with_moc, max_attempts=1)
    other_course_member = MemberFactory(member_id="M301")
    CreditDesignation.objects.create(
        page=activity_with_moc,
        credit_type=CreditType.objects.get(code=CreditType.ACPE_CONTACT_HOURS),
        max_amount=Decimal("1.00"),
    )
    return {"certificate": certificate, "quiz": quiz, "course": activity_with_moc, "member": other_course_member}


def screens(records):
    """(method, url, data) for every screen of the PARS and CPE Monitor exports, the member import and the admin
    actions."""
    course, certificate, quiz = records["course"], records["certificate"], records["quiz"]
    return [
        ("get", "/admin/cme-records/pars/", {"course": course.pk, "start": "2026-01-01", "end": "2026-12-31"}),
        ("post", "/admin/cme-records/pars/", {"course": course.pk, "mode": "all"}),
        ("post", "/admin/cme-records/pars/", {"course": course.pk, "action": "settings", "pars_activity_id": "1"}),
        ("get", "/admin/cme-records/cpe-monitor/", {"course": course.pk, "start": "2026-01-01", "end": "2026-12-31"}),
        (
            "get",
            "/admin/cme-records/cpe-monitor/",
            {"course": course.pk, "start": "2026-01-01", "end": "2026-12-31", "format": "csv"},
        ),
        ("get", "/admin/cme-records/import-members/", {}),
        ("post", "/admin/cme-records/import-members/", {}),
        ("get", "/admin/cme-records/import-members/preview/", {}),
        ("post", "/admin/cme-records/import-members/apply/", {"sha256": "0" * 64, "mode": "valid_rows"}),
        ("get", "/admin/cme-records/certificates/", {}),
        ("get", "/admin/cme-records/certificates/results/", {"q": "M300"}),
        ("get", f"/admin/cme-records/certificates/{certificate.pk}/revoke/", {}),
        ("post", f"/admin/cme-records/certificates/{certificate.pk}/revoke/", {"reason": "No."}),
        ("get", "/admin/cme-records/grant-attempt/", {}),
        ("post", "/admin/cme-records/grant-attempt/", {"quiz": quiz.pk, "member": "M300", "reason": "No."}),
        ("get", "/admin/cme-records/manual-completion/", {}),
        ("post", "/admin/cme-records/manual-completion/", {"course": course.pk, "member": "M301", "reason": "No."}),
    ]


def nothing_written():
    return (
        not ParsBatch.objects.exists()
        and not ActivityReporting.objects.exists()
        and not Certificate.objects.filter(revoked_at__isnull=False).exists()
        and not AttemptGrant.objects.exists()
        and Completion.objects.count() == 1
        and not CpeMonitorBatch.objects.exists()
    )


@pytest.mark.parametrize("who", ["editor", "learner"])
def test_editors_and_learners_are_refused_every_screen(client, records, who, request):
    client.force_login(request.getfixturevalue(who))
    for method, url, data in screens(records):
        response = getattr(client, method)(url, data)
        # Wagtail answers PermissionDenied in the admin by sending an editor back to the dashboard
        # with "Sorry, you do not have permission"; someone without admin access goes to sign in.
        assert response.status_code == 302, (method, url)
        if who == "editor":
            assert response["Location"] == "/admin/", (method, url)
        else:
            assert response["Location"].startswith("/admin/login/"), (method, url)
    assert nothing_written()
    assert Member.objects.count() == 2 + (who == "learner")


def test_society_admins_may_use_every_screen(admin_client, records):
    for method, url, data in screens(records):
        response = getattr(admin_client, method)(url, data)
        assert response.status_code in (200, 302), (method, url)
        if response.status_code == 302:
            assert "/login/" not in response["Location"]
    assert CpeMonitorBatch.objects.count() == 1


def test_the_menu_shows_the_screens_to_society_admins_only(admin_client, client, editor):
    assert "CME records" in admin_client.get("/admin/").content.decode()
    client.force_login(editor)
    assert "CME records" not in client.get("/admin/").content.decode()


def test_viewing_members_shows_the_pars_screen_but_changing_its_settings_needs_the_change_permission(
    client, activity_with_moc
):
    user = UserFactory(username="auditor")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_member")
    )
    client.force_login(user)
    assert client.get("/admin/cme-records/pars/", {"course": activity_with_moc.pk}).status_code == 200
    refused = client.post(
        "/admin/cme-records/pars/", {"course": activity_with_moc.pk, "action": "settings", "pars_activity_id": "1"}
    )
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert not ActivityReporting.objects.exists()

    user.user_permissions.add(Permission.objects.get(codename="change_member"))
    client.post(
        "/admin/cme-records/pars/", {"course": activity_with_moc.pk, "action": "settings", "pars_activity_id": "1"}
    )
    assert ActivityReporting.objects.get(course=activity_with_moc).pars_activity_id == "1"
