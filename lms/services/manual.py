"""Completions an admin records by hand, with the reason, when the automatic rule cannot apply."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from content.learner_lock import lock_learner
from content.refusals import Refused

from ..models import Completion, Enrollment
from . import events
from .feed import stamp_new_completion

MANUAL_COMPLETION_ACTION = "cme_lms.manual_completion"


def _already_completed(member, completion):
    return Refused(
        f"{member.first_name} {member.last_name} already completed {completion.course.title} on "
        f"{completion.completed_at:%d %B %Y}; a completion is recorded once."
    )


def record_manual_completion(member, course, by, reason, now=None):
    """Record the completion the way the automatic rule does, plus who recorded it and why.

    The member is enrolled too when they were not, since the dashboard lists a learner's
    activities through their enrollments. Refused with nothing written when the reason is
    blank or the completion already exists.
    """
    reason = (reason or "").strip()
    if not reason:
        raise Refused(
            "Give the reason for recording the completion by hand; it is kept in the audit log.", field="reason"
        )
    try:
        with transaction.atomic():
            lock_learner(member.user_id)
            existing = Completion.objects.filter(member=member, course=course).select_related("course").first()
            if existing is not None:
                raise _already_completed(member, existing)
            Enrollment.objects.get_or_create(member=member, course=course)
            completion = stamp_new_completion(
                member=member, course=course, completed_at=now or timezone.now(), manual_reason=reason, recorded_by=by
            )
            events.completion_created(completion)
            log(
                instance=completion,
                action=MANUAL_COMPLETION_ACTION,
                user=by,
                data={"reason": reason, "member_id": member.member_id, "course_id": course.pk, "course": course.title},
            )
    except IntegrityError:
        # The automatic rule recorded it in the same moment (where rows cannot be locked).
        existing = Completion.objects.select_related("course").get(member=member, course=course)
        raise _already_completed(member, existing) from None
    return completion
