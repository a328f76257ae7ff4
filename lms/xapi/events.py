"""Learner events as statements: each function is called inside the transaction of its record.

enrolled, module started and completed, and the activity completed follow their rows' saves
(receivers.py); a graded pre-test or post-test follows the grade (`lms.receivers`), ahead of the
completion it may cause; claimed credit follows the claim (`lms.services.events`).
"""

from django.utils import timezone

from lms.models import Enrollment
from quizzes.models import QuizRole

from . import profile
from .outbox import record


def _registration(site, member, course_id):
    enrollment_id = Enrollment.objects.filter(member=member, course_id=course_id).values_list("pk", flat=True).first()
    return profile.registration(site, enrollment_id) if enrollment_id else None


def enrolled(enrollment):
    def build(site):
        return profile.statement(
            site,
            enrollment.member,
            profile.REGISTERED,
            profile.course_activity(site, enrollment.course),
            enrollment.enrolled_at,
            registration_id=profile.registration(site, enrollment.pk),
        )

    return record("enrolled", enrollment.member, build)


def module_started(progress):
    return _module_event("module_started", profile.INITIALIZED, progress, progress.started_at, result=None)


def module_completed(progress):
    return _module_event("module_completed", profile.COMPLETED, progress, progress.completed_at, {"completion": True})


def _module_event(event, verb, progress, timestamp, result):
    def build(site):
        return profile.statement(
            site,
            progress.member,
            verb,
            profile.module_activity(site, progress.module),
            timestamp,
            result=result,
            registration_id=_registration(site, progress.member, progress.course_id),
            parent=profile.course_activity(site, progress.course),
        )

    return record(event, progress.member, build)


def quiz_graded(attempt, member):
    """A graded pre-test is attempted with its score; a graded post-test passed or failed with it.
    Knowledge checks say nothing of their own: the module they complete does."""
    quiz = attempt.quiz
    if quiz.role == QuizRole.PRE_TEST:
        event, verb, result = "pre_test_graded", profile.ATTEMPTED, {"completion": True}
    elif quiz.role == QuizRole.POST_TEST:
        verb = profile.PASSED if attempt.passed else profile.FAILED
        event, result = "post_test_graded", {"success": bool(attempt.passed), "completion": True}
    else:
        return None

    def build(site):
        earned = sum(answer.credit for answer in attempt.answers.all())
        graded = {
            "score": profile.score(earned, len(attempt.presented)),
            **result,
            "duration": profile.duration((attempt.submitted_at - attempt.started_at).total_seconds()),
        }
        return profile.statement(
            site,
            member,
            verb,
            profile.assessment_activity(site, quiz),
            attempt.submitted_at,
            result=graded,
            registration_id=_registration(site, member, quiz.course_id),
            parent=profile.course_activity(site, quiz.course),
        )

    return record(event, member, build)


def activity_completed(completion):
    def build(site):
        return profile.statement(
            site,
            completion.member,
            profile.COMPLETED,
            profile.course_activity(site, completion.course),
            completion.completed_at,
            result={"completion": True},
            registration_id=_registration(site, completion.member, completion.course_id),
        )

    return record("activity_completed", completion.member, build)


def credit_claimed(completion, claims):
    """The credit claimed, as the society's credit extension, with the time the learner attested."""

    def build(site):
        credit = [
            {
                "credit_type": claim.credit_type.code,
                "name": claim.credit_type.name,
                "amount": float(claim.amount),
                "unit": claim.credit_type.unit,
            }
            for claim in claims
        ]
        return profile.statement(
            site,
            completion.member,
            profile.EARNED,
            profile.course_activity(site, completion.course),
            claims[0].claimed_at or timezone.now(),
            result={
                "duration": profile.duration(claims[0].minutes_attested * 60),
                "extensions": {profile.credit_extension(site): credit},
            },
            registration_id=_registration(site, completion.member, completion.course_id),
        )

    return record("credit_claimed", completion.member, build)
