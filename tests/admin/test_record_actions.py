import datetime

import pytest
from wagtail.models import ModelLogEntry

from content.refusals import Refused
from lms.models import Completion, Enrollment, WebhookEvent
from lms.services.manual import record_manual_completion
from quizzes.models import AttemptGrant
from quizzes.services.attempts import attempts_left, start_attempt, submit_attempt
from quizzes.services.grants import grant_extra_attempt
from tests.factories import MemberFactory, make_quiz

from .conftest import AMA, certify, complete


@pytest.fixture
def member(activity_with_moc):
    member = MemberFactory(member_id="M100", first_name="Ada", last_name="Lovelace", user__username="ada")
    Enrollment.objects.create(member=member, course=activity_with_moc)
    return member


@pytest.fixture
def quiz(activity_with_moc):
    return make_quiz(activity_with_moc, max_attempts=1, shuffle_questions=False, shuffle_choices=False)


def use_attempt(quiz, user):
    attempt = start_attempt(quiz, user)
    return submit_attempt(attempt.pk, user, {})


def test_revoking_a_certificate_records_it_and_logs_who_and_why(admin_client, society_admin, activity_with_moc, member):
    certificate = certify(complete(member, activity_with_moc, datetime.date(2026, 3, 1), {AMA: "1.00"}))
    listing = admin_client.get("/admin/cme-records/certificates/", {"q": "M100"}).content.decode()
    assert certificate.code in listing
    assert (
        certificate.code not in admin_client.get("/admin/cme-records/certificates/", {"q": "nobody"}).content.decode()
    )

    response = admin_client.post(f"/admin/cme-records/certificates/{certificate.pk}/revoke/", {"reason": "  "})
    assert "This field is required." in response.content.decode()
    admin_client.post(f"/admin/cme-records/certificates/{certificate.pk}/revoke/", {"reason": "Attestation was false."})

    certificate.refresh_from_db()
    assert (certificate.revoked_reason, certificate.revoked_by) == ("Attestation was false.", society_admin)
    entry = ModelLogEntry.objects.get(action="cme_lms.revoke_certificate")
    assert (entry.user, entry.object_id, entry.data["reason"]) == (
        society_admin,
        str(certificate.pk),
        "Attestation was false.",
    )


def test_the_certificate_listing_offers_revoking_only_a_valid_certificate(admin_client, activity_with_moc, member):
    valid = certify(complete(member, activity_with_moc, datetime.date(2026, 3, 1), {AMA: "1.00"}))
    other = MemberFactory(member_id="M101", user__username="grace")
    Enrollment.objects.create(member=other, course=activity_with_moc)
    revoked = certify(
        complete(other, activity_with_moc, datetime.date(2026, 3, 2), {AMA: "1.00"}), code="WXYZ-WXYZ-WXYZ-WXYZ"
    )
    admin_client.post(f"/admin/cme-records/certificates/{revoked.pk}/revoke/", {"reason": "Duplicate."})

    listing = admin_client.get("/admin/cme-records/certificates/").content.decode()
    assert f"/admin/cme-records/certificates/{valid.pk}/revoke/" in listing
    assert revoked.code in listing and f"/admin/cme-records/certificates/{revoked.pk}/revoke/" not in listing
    # The search box refreshes only the results, which search the same way.
    results = admin_client.get("/admin/cme-records/certificates/results/", {"q": "M101"}).content.decode()
    assert revoked.code in results and valid.code not in results


def test_revoking_twice_says_it_was_already_revoked(admin_client, activity_with_moc, member):
    certificate = certify(complete(member, activity_with_moc, datetime.date(2026, 3, 1), {AMA: "1.00"}))
    url = f"/admin/cme-records/certificates/{certificate.pk}/revoke/"
    admin_client.post(url, {"reason": "Duplicate."})
    assert "Revoked on" in admin_client.get(url).content.decode()
    assert "was already revoked" in admin_client.post(url, {"reason": "Again."}).content.decode()


def test_a_granted_attempt_raises_the_limit_by_one(society_admin, quiz, member):
    learner = member.user
    use_attempt(quiz, learner)
    assert attempts_left(quiz, learner) == 0
    with pytest.raises(Refused, match="used all 1 attempts"):
        start_attempt(quiz, learner)

    grant = grant_extra_attempt(quiz, learner, society_admin, "Power cut during the test.")
    assert attempts_left(quiz, learner) == 1
    assert start_attempt(quiz, learner).number == 2
    assert (grant.granted_by, grant.reason) == (society_admin, "Power cut during the test.")
    entry = ModelLogEntry.objects.get(action="cme_quizzes.grant_attempt")
    assert (entry.user, entry.object_id, entry.data["reason"]) == (
        society_admin,
        str(grant.pk),
        "Power cut during the test.",
    )


def test_unlimited_quizzes_stay_unlimited_and_need_no_grant(society_admin, activity_with_moc, member):
    quiz = make_quiz(activity_with_moc, max_attempts=0)
    assert attempts_left(quiz, member.user) is None
    with pytest.raises(Refused, match="unlimited"):
        grant_extra_attempt(quiz, member.user, society_admin, "Why not.")
    with pytest.raises(Refused, match="reason"):
        grant_extra_attempt(
            make_quiz(activity_with_moc, role="pre_test", max_attempts=1), member.user, society_admin, " "
        )
    assert not AttemptGrant.objects.exists()


def test_granting_an_attempt_in_the_admin(admin_client, society_admin, quiz, member):
    response = admin_client.post(
        "/admin/cme-records/grant-attempt/",
        {"quiz": quiz.pk, "member": "M100", "reason": "Browser crashed."},
        follow=True,
    )
    assert "may take" in response.content.decode()
    assert AttemptGrant.objects.get().user == member.user
    assert ModelLogEntry.objects.get(action="cme_quizzes.grant_attempt").user == society_admin
    response = admin_client.post(
        "/admin/cme-records/grant-attempt/", {"quiz": quiz.pk, "member": "NOPE", "reason": "x"}
    )
    assert "No member has the member id NOPE." in response.content.decode()


def test_a_manual_completion_goes_the_automatic_way_with_who_and_why(society_admin, activity_with_moc, member):
    completion = record_manual_completion(
        member, activity_with_moc, society_admin, "Completed on paper at the annual meeting."
    )
    assert (completion.manual_reason, completion.recorded_by) == (
        "Completed on paper at the annual meeting.",
        society_admin,
    )
    assert completion.updated_at is not None
    event = WebhookEvent.objects.get(type="completion.created")
    assert event.payload["completion_id"] == completion.pk
    entry = ModelLogEntry.objects.get(action="cme_lms.manual_completion")
    assert (entry.user, entry.object_id, entry.data["reason"]) == (
        society_admin,
        str(completion.pk),
        "Completed on paper at the annual meeting.",
    )


def test_a_manual_completion_is_refused_without_reason_or_when_already_complete(
    society_admin, activity_with_moc, member
):
    with pytest.raises(Refused, match="Give the reason"):
        record_manual_completion(member, activity_with_moc, society_admin, "  ")
    complete(member, activity_with_moc, datetime.date(2026, 3, 1), {})
    with pytest.raises(Refused, match="already completed .* on 01 March 2026"):
        record_manual_completion(member, activity_with_moc, society_admin, "Paper form.")
    assert Completion.objects.count() == 1
    assert not ModelLogEntry.objects.filter(action="cme_lms.manual_completion").exists()


def test_recording_a_completion_in_the_admin(admin_client, society_admin, activity_with_moc):
    member = MemberFactory(member_id="M200")
    data = {"course": activity_with_moc.pk, "member": "M200", "reason": "Attended the live session."}
    admin_client.post("/admin/cme-records/manual-completion/", data)
    completion = Completion.objects.get(member=member)
    assert completion.recorded_by == society_admin
    assert Enrollment.objects.filter(member=member, course=activity_with_moc).exists()
    response = admin_client.post("/admin/cme-records/manual-completion/", data)
    assert "already completed" in response.content.decode()


def test_anonymizing_a_departed_member_from_the_admin_keeps_the_credit_records(
    admin_client, society_admin, activity_with_moc, member
):
    certificate = certify(complete(member, activity_with_moc, datetime.date(2026, 3, 1), {AMA: "1.00"}))
    url = "/admin/cme-records/anonymize-member/"
    refused = admin_client.post(url, {"member": "M100", "reason": "Erasure request 2026-11"}).content.decode()
    assert "This field is required." in refused, "the irreversible step needs the confirmation box"
    assert (
        "No member has the member id M999."
        in admin_client.post(url, {"member": "M999", "reason": "x", "confirm": "on"}).content.decode()
    )
    member.refresh_from_db()
    assert member.first_name == "Ada"

    response = admin_client.post(url, {"member": "M100", "reason": "Erasure request 2026-11", "confirm": "on"})
    assert response.status_code == 302
    member.refresh_from_db()
    certificate.refresh_from_db()
    assert (member.first_name, member.member_id) == ("Anonymized", f"anonymized-{member.pk}")
    assert Completion.objects.filter(member=member).count() == 1 and certificate.completion.claims.count() == 1
    entry = ModelLogEntry.objects.get(action="cme_lms.anonymize_member")
    assert (entry.user, entry.data["reason"]) == (society_admin, "Erasure request 2026-11")


def test_editors_cannot_anonymize_members(client, editor, member):
    client.force_login(editor)
    response = client.post("/admin/cme-records/anonymize-member/", {"member": "M100", "reason": "x", "confirm": "on"})
    assert response.status_code in (302, 403)
    member.refresh_from_db()
    assert member.first_name == "Ada"
