"""An anonymized member is no longer named anywhere in Wagtail's audit log, and every entry stays."""

import json
from decimal import Decimal

import pytest
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, PageLogEntry

from courses.models import CreditType
from lms.models import Certificate, Completion, CreditClaim, Enrollment
from lms.services.account_email import request_change
from lms.services.certificates import revoke_certificate
from lms.services.manual import record_manual_completion
from lms.services.members import ANONYMIZE_ACTION, anonymize_member
from quizzes.models import AttemptGrant, QuizRole
from quizzes.services.grants import grant_extra_attempt
from tests.factories import MemberFactory, UserFactory, make_catalog, make_course, make_home

FIRST, LAST, MEMBER_ID = "Philippa", "Quartermaine", "PQ-4821"
EMAIL, USERNAME, NPI, BOARD = "philippa.q@example.org", "pquartermaine", "1245319599", "ABIM-778812"


def every_entry():
    return [*ModelLogEntry.objects.all(), *PageLogEntry.objects.all()]


def text_of(entry):
    return f"{entry.label} {json.dumps(entry.data)}".casefold()


@pytest.fixture
def named_in_the_log(activity_with_optional_module, settings):
    """A member named in entries about their account, their member row, a completion, a certificate
    revoked with a reason, an extra attempt and an e-mail change, and by id in an import's entry."""
    settings.LMS = {"VERIFIED_EMAIL_CHANGES": True}
    registrar = UserFactory(username="registrar")
    member = MemberFactory(
        member_id=MEMBER_ID,
        first_name=FIRST,
        last_name=LAST,
        npi=NPI,
        board_id=BOARD,
        user__username=USERNAME,
        user__email=EMAIL,
        user__first_name=FIRST,
        user__last_name=LAST,
    )
    Enrollment.objects.create(member=member, course=activity_with_optional_module)
    log(instance=member, action="wagtail.edit", user=registrar)
    log(instance=member.user, action="wagtail.edit", user=registrar)
    other_course = make_course(make_catalog(make_home(), slug="other-catalog"), slug="other", title="Other")
    completion = record_manual_completion(member, other_course, registrar, f"Paper form signed by {FIRST} {LAST}.")
    certificate = Certificate.objects.create(
        completion=completion,
        code="ABCD-EFGH-JKLM-NPQR",
        snapshot={"learner_name": f"{FIRST} {LAST}"},
    )
    CreditClaim.objects.create(
        completion=completion,
        credit_type=CreditType.objects.get(code=CreditType.AMA_PRA_CATEGORY_1),
        amount=Decimal("0.50"),
        minutes_attested=30,
        attestation="I attest.",
        report_consent=True,
    )
    revoke_certificate(certificate, registrar, f"{MEMBER_ID} ({EMAIL}) asked us to withdraw it.")
    grant_extra_attempt(
        activity_with_optional_module.quizzes.get(role=QuizRole.POST_TEST), member.user, registrar, f"{FIRST} was ill."
    )
    request_change(member, "philippa.new@example.net")
    log(instance=registrar, action="cme_lms.import_members", user=registrar, data={"file": f"{MEMBER_ID}-update.csv"})
    return member, registrar


@pytest.fixture
def someone_else(activity_with_optional_module):
    other = MemberFactory(member_id="OTHER-777", first_name="Zoe", last_name="Bystander", user__email="zoe@example.org")
    log(instance=other, action="wagtail.edit")
    return other


def test_after_anonymizing_no_entry_names_the_member_and_every_entry_stays(named_in_the_log, someone_else):
    member, registrar = named_in_the_log
    before = {entry.pk: entry for entry in ModelLogEntry.objects.all()}
    identity = [FIRST, LAST, MEMBER_ID, EMAIL, USERNAME, NPI, BOARD]
    named = [entry for entry in every_entry() if any(word.casefold() in text_of(entry) for word in identity)]
    assert sorted(entry.action for entry in named) == [
        "cme_lms.email_change_requested",
        "cme_lms.import_members",
        "cme_lms.manual_completion",
        "cme_lms.revoke_certificate",
        "cme_quizzes.grant_attempt",
        "wagtail.edit",
        "wagtail.edit",
    ], "the member is named in entries of every kind before"

    anonymize_member(member, registrar, f"Erasure request from {FIRST} {LAST} ({MEMBER_ID}, {EMAIL})")

    for entry in every_entry():
        for word in identity:
            assert word.casefold() not in text_of(entry), (word, entry.action, entry.label, entry.data)
    after = {entry.pk: entry for entry in ModelLogEntry.objects.all()}
    assert set(before) < set(after), "no entry was deleted"
    for pk, entry in before.items():
        kept = after[pk]
        assert (kept.action, kept.user_id, kept.timestamp) == (entry.action, entry.user_id, entry.timestamp)
    bystander = ModelLogEntry.objects.get(
        object_id=str(someone_else.pk), action="wagtail.edit", content_type__model="member"
    )
    assert bystander.label == str(someone_else), "entries about other members keep their names"


def test_the_anonymization_entry_names_the_member_row_only(named_in_the_log):
    member, registrar = named_in_the_log
    anonymize_member(member, registrar, f"Erasure request from {FIRST} {LAST}")
    entry = ModelLogEntry.objects.get(action=ANONYMIZE_ACTION)
    assert entry.object_id == str(member.pk)
    assert entry.data == {"reason": "Erasure request from Anonymized learner"}
    assert entry.label == f"Anonymized learner, MD (anonymized-{member.pk})"
    member_row = ModelLogEntry.objects.get(
        action="wagtail.edit", object_id=str(member.pk), content_type__model="member"
    )
    assert member_row.label == entry.label


def test_records_are_kept_and_the_reasons_given_about_them_lose_the_name(named_in_the_log):
    member, registrar = named_in_the_log
    anonymize_member(member, registrar, "Erasure request")
    completion = Completion.objects.get(member=member)
    assert completion.claims.count() == 1
    assert completion.manual_reason == "Paper form signed by Anonymized learner."
    certificate = completion.current_certificate
    assert certificate.revoked_reason == f"anonymized-{member.pk} ((e-mail removed)) asked us to withdraw it."
    assert AttemptGrant.objects.get(user=member.user).reason == "Anonymized was ill."
    entry = ModelLogEntry.objects.get(action="cme_lms.manual_completion")
    assert entry.data["reason"] == "Paper form signed by Anonymized learner."
    assert entry.data["member_id"] == f"anonymized-{member.pk}"
