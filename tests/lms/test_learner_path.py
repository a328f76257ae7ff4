"""The full path: modules -> post-test -> evaluation -> claim -> certificate, and its refusals."""

import datetime
from decimal import Decimal

import pytest
from wagtail.models import ModelLogEntry

from content.refusals import Refused
from courses.models import CreditType, ModulePage
from lms.models import Certificate, Completion, CreditClaim, Evaluation, ModuleProgress
from lms.services.certificates import revoke_certificate
from lms.services.completion import check_completion
from lms.services.credit import claim_credit
from lms.services.evaluation import submit_evaluation
from lms.services.progress import complete_module
from tests.factories import UserFactory

from .conftest import evaluation_answers, pass_post_test

AMA = CreditType.AMA_PRA_CATEGORY_1


def finish(member, course):
    for module in ModulePage.objects.child_of(course).filter(required=True):
        complete_module(member, module, course)
    pass_post_test(member, course)
    submit_evaluation(member, course, evaluation_answers(course))
    return Completion.objects.get(member=member, course=course)


def ama(amount):
    return {CreditType.objects.get(code=AMA): Decimal(amount)}


def test_full_path_records_completion_claim_and_certificate(member, activity_with_optional_module):
    modules = list(ModulePage.objects.child_of(activity_with_optional_module).filter(required=True))
    complete_module(member, modules[0], activity_with_optional_module)
    assert not Completion.objects.exists()
    complete_module(member, modules[1], activity_with_optional_module)
    assert not Completion.objects.exists(), "post-test and evaluation still outstanding"
    pass_post_test(member, activity_with_optional_module)
    assert not Completion.objects.exists(), "evaluation still outstanding"
    submit_evaluation(member, activity_with_optional_module, evaluation_answers(activity_with_optional_module))
    completion = Completion.objects.get(member=member, course=activity_with_optional_module)

    certificate = claim_credit(member, activity_with_optional_module, 40, ama("0.50"), report_consent=True)
    claim = CreditClaim.objects.get()
    assert (claim.completion, claim.amount, claim.minutes_attested, claim.report_consent) == (
        completion,
        Decimal("0.50"),
        40,
        True,
    )
    assert "commensurate with the extent of my participation" in claim.attestation
    assert certificate.completion == completion
    assert certificate.snapshot["credits"] == [{"credit_type": "AMA PRA Category 1 Credit™", "amount": "0.50"}]
    assert certificate.pdf.read().startswith(b"%PDF")


def test_optional_modules_are_not_needed_for_completion(member, activity_with_optional_module):
    finish(member, activity_with_optional_module)
    optional = ModulePage.objects.get(slug="extra")
    assert not ModuleProgress.objects.filter(module=optional, completed_at__isnull=False).exists()


def test_failed_post_test_does_not_complete(member, activity_with_optional_module):
    for module in ModulePage.objects.child_of(activity_with_optional_module).filter(required=True):
        complete_module(member, module, activity_with_optional_module)
    submit_evaluation(member, activity_with_optional_module, evaluation_answers(activity_with_optional_module))
    pass_post_test(member, activity_with_optional_module, correct=False)
    assert not Completion.objects.exists()
    pass_post_test(member, activity_with_optional_module)
    assert Completion.objects.filter(member=member).count() == 1


def test_evaluation_can_be_turned_off_per_course(member, activity_with_optional_module):
    activity_with_optional_module.completion_requires_evaluation = False
    activity_with_optional_module.save()
    for module in ModulePage.objects.child_of(activity_with_optional_module).filter(required=True):
        complete_module(member, module, activity_with_optional_module)
    pass_post_test(member, activity_with_optional_module)
    assert Completion.objects.filter(member=member, course=activity_with_optional_module).exists()


def test_completion_is_recorded_once_and_survives_course_edits(member, activity_with_optional_module):
    completion = finish(member, activity_with_optional_module)
    assert check_completion(member, activity_with_optional_module) == completion
    new_module = ModulePage(title="Added later", slug="later", estimated_minutes=5, body=[])
    activity_with_optional_module.add_child(instance=new_module)
    activity_with_optional_module.completion_requires_post_test = True
    activity_with_optional_module.save_revision().publish()
    assert list(Completion.objects.all()) == [completion]
    completion.refresh_from_db()
    assert completion.completed_at is not None


def test_claim_before_completion_is_refused_with_the_missing_steps(member, activity_with_optional_module):
    with pytest.raises(Refused) as refusal:
        claim_credit(member, activity_with_optional_module, 45, ama("0.75"), report_consent=False)
    assert "once you have completed the activity" in refusal.value.message
    assert "pass the post-test (70% or higher)" in refusal.value.message
    assert "submit the evaluation" in refusal.value.message
    assert not CreditClaim.objects.exists()


@pytest.mark.parametrize(
    ("minutes", "amount", "message"),
    [
        (45, "1.00", "at most 0.75"),
        (45, "0.60", "steps of 0.25; 0.60 is not one"),
        (45, "0", "more than zero"),
        (20, "0.75", "20 minutes supports at most 0.25"),
        (0, "0.25", "whole number above zero"),
    ],
)
def test_claim_refusals(member, activity_with_optional_module, minutes, amount, message):
    finish(member, activity_with_optional_module)
    with pytest.raises(Refused, match=message):
        claim_credit(member, activity_with_optional_module, minutes, ama(amount), report_consent=True)
    assert not CreditClaim.objects.exists()
    assert not Certificate.objects.exists()


def test_claim_after_expiry_is_refused_with_the_reason(member, activity_with_optional_module):
    finish(member, activity_with_optional_module)
    with pytest.raises(Refused) as refusal:
        claim_credit(
            member,
            activity_with_optional_module,
            45,
            ama("0.75"),
            report_consent=True,
            today=activity_with_optional_module.expiration_date + datetime.timedelta(days=1),
        )
    expired_on = activity_with_optional_module.expiration_date
    assert refusal.value.message == f"Records course expired on {expired_on:%d %B %Y} and no longer awards credit."


def test_second_claim_for_the_same_credit_type_is_refused(member, activity_with_optional_module):
    finish(member, activity_with_optional_module)
    claim_credit(member, activity_with_optional_module, 45, ama("0.50"), report_consent=True)
    with pytest.raises(Refused, match="You already claimed 0.50 AMA PRA Category 1 Credit™"):
        claim_credit(member, activity_with_optional_module, 45, ama("0.25"), report_consent=True)
    assert CreditClaim.objects.count() == 1


def test_certificate_is_a_snapshot(member, activity_with_optional_module):
    finish(member, activity_with_optional_module)
    certificate = claim_credit(member, activity_with_optional_module, 45, ama("0.75"), report_consent=True)
    pdf = certificate.pdf.read()
    activity_with_optional_module.title = "Renamed course"
    activity_with_optional_module.save_revision().publish()
    again = Certificate.objects.get(pk=certificate.pk)
    assert again.snapshot["activity_title"] == "Records course"
    assert again.pdf.read() == pdf


def test_revocation_is_logged_and_shown_on_verification(client, member, activity_with_optional_module):
    finish(member, activity_with_optional_module)
    certificate = claim_credit(member, activity_with_optional_module, 45, ama("0.75"), report_consent=True)
    admin = UserFactory(username="coordinator", is_staff=True)
    with pytest.raises(Refused, match="Give the reason"):
        revoke_certificate(certificate, admin, "  ")
    revoke_certificate(certificate, admin, "Attestation found to be false.")
    entry = ModelLogEntry.objects.get(action="cme_lms.revoke_certificate")
    assert entry.user == admin and entry.data["reason"] == "Attestation found to be false."
    html = client.get(f"/verify/{certificate.code}/").content.decode()
    assert "Revoked." in html
    with pytest.raises(Refused, match="already revoked"):
        revoke_certificate(certificate, admin, "again")


def test_evaluation_free_text_is_sanitized_and_once_only(member, activity_with_optional_module):
    submit_evaluation(
        member,
        activity_with_optional_module,
        evaluation_answers(
            activity_with_optional_module, commitment_to_change="Use <img src=x onerror=alert(1)>imaging <b>first</b>"
        ),
    )
    assert Evaluation.objects.get().commitment_to_change == "Use imaging first"
    with pytest.raises(Refused, match="already evaluated"):
        submit_evaluation(member, activity_with_optional_module, evaluation_answers(activity_with_optional_module))


def test_evaluation_must_rate_every_objective(member, activity_with_optional_module):
    answers = evaluation_answers(activity_with_optional_module)
    answers["objective_ratings"] = {}
    with pytest.raises(Refused, match="Rate every learning objective"):
        submit_evaluation(member, activity_with_optional_module, answers)
    assert not Evaluation.objects.exists()


def test_knowledge_check_completes_its_module(member, activity_with_optional_module):
    from quizzes.models import Quiz, QuizRole
    from quizzes.services.attempts import start_attempt, submit_attempt
    from tests.factories import choices

    module = ModulePage.objects.get(slug="m1")
    quiz = Quiz.objects.create(title="Check", role=QuizRole.KNOWLEDGE_CHECK, module=module)
    quiz.questions.create(kind="single", stem="<p>?</p>", choices=choices("+yes", "no"), rationale="r")
    with pytest.raises(Refused, match="knowledge check"):
        complete_module(member, module, activity_with_optional_module)
    attempt = start_attempt(quiz, member.user)
    submit_attempt(attempt.pk, member.user, {1: ["yes"]})
    assert ModuleProgress.objects.get(member=member, module=module).completed_at is not None
