"""Extra attempts granted by an admin, each with a reason, in the rows and in Wagtail's audit log."""

from django.db import transaction
from wagtail.log_actions import log

from content.refusals import Refused

from ..models import AttemptGrant

GRANT_ACTION = "cme_quizzes.grant_attempt"


def grant_extra_attempt(quiz, user, by, reason):
    """Allow `user` one more attempt at `quiz` than its limit; return the grant."""
    reason = (reason or "").strip()
    if not reason:
        raise Refused("Give the reason for the extra attempt; it is kept in the audit log.", field="reason")
    if quiz.attempts_unlimited:
        raise Refused(f"{quiz.title} allows unlimited attempts; there is no limit to raise.", field="quiz")
    with transaction.atomic():
        grant = AttemptGrant.objects.create(quiz=quiz, user=user, granted_by=by, reason=reason)
        log(
            instance=grant,
            action=GRANT_ACTION,
            user=by,
            data={"reason": reason, "quiz_id": quiz.pk, "quiz": quiz.title, "learner": user.get_username()},
        )
    return grant
