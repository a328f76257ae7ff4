"""Who may take an activity, and who may take a step in it.

One definition for every entry point: the learner pages, the learner API, the quiz start hook
and the services themselves (module completion, evaluation, credit claim), which check it again
under the learner's lock, so a caller that forgets to ask still gets the same answer.

Where an activity requires its pre-test (`CoursePage.pre_test_required`), its modules, knowledge
checks and post-test stay closed until the learner has submitted a pre-test attempt.

Members-only activities need an active society membership to enrol, to open a module, to
start a test, to mark a module complete, to evaluate and to claim credit. What a learner
already earned stays theirs when the membership lapses: completions, claims and issued
certificates are kept, downloadable and verifiable; credit not yet claimed can be claimed once
the membership is renewed, while the activity still awards credit.
"""

from content.refusals import Refused
from courses.models import CoursePage
from quizzes.models import Attempt, AttemptStatus, Quiz, QuizRole

from ..models import Enrollment


class ActivityNotFound(Exception):
    """No live activity has this id: learners see it as not there at all (404 on the pages and in the API)."""


def live_course(course_id):
    """The live activity with this id, as its own page type; ActivityNotFound otherwise."""
    try:
        return CoursePage.objects.live().get(pk=course_id).specific
    except CoursePage.DoesNotExist:
        raise ActivityNotFound(course_id) from None


def member_for(user):
    if not user.is_authenticated:
        return None
    return getattr(user, "member", None)


def refusal_for(member, course):
    """Why `member` may not take `course` at all, or None when they may."""
    if member is None:
        return "Your account has no member profile yet; contact the CME office to complete it."
    if course.members_only and not member.is_active_member:
        expired = member.membership_expires_on
        return (
            f"{course.title} is open to society members only, and your membership is not active"
            f"{f' (it expired on {expired:%d %B %Y})' if expired else ''}. "
            "Renew your membership to take it; the activity description stays open to everyone."
        )
    return None


def ensure_may_take(member, course):
    reason = refusal_for(member, course)
    if reason:
        raise Refused(reason)


def progress_refusal(member, course):
    """Why `member` may not take a step in `course` (a module, a test, the evaluation, a claim), or None."""
    reason = refusal_for(member, course)
    if reason is None and not Enrollment.objects.filter(member=member, course=course).exists():
        reason = f"Enrol in {course.title} first; your progress is recorded from then on."
    return reason


def ensure_may_progress(member, course):
    """Refuse the step unless `member` may take it; services call it on the row they locked."""
    reason = progress_refusal(member, course)
    if reason:
        raise Refused(reason)


def live_pre_test(course):
    return Quiz.objects.live().filter(course=course, role=QuizRole.PRE_TEST).first()


def has_taken_pre_test(member, course):
    return Attempt.objects.filter(
        quiz__course=course, quiz__role=QuizRole.PRE_TEST, user_id=member.user_id, status=AttemptStatus.SUBMITTED
    ).exists()


def pre_test_refusal(member, course):
    """Why the modules and tests after the pre-test stay closed to `member`, or None."""
    if member is None or not course.pre_test_required or live_pre_test(course) is None:
        return None
    if has_taken_pre_test(member, course):
        return None
    return f"Take the pre-test of {course.title} first: the modules and the post-test open once you have submitted it."


def study_refusal(member, course):
    """Why `member` may not open a module, complete it or start a test after the pre-test, or None."""
    return progress_refusal(member, course) or pre_test_refusal(member, course)


def ensure_may_study(member, course):
    reason = study_refusal(member, course)
    if reason:
        raise Refused(reason)
