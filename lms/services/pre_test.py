"""The pre-test step: offered on enrolling, before module 1; skipped only where the activity allows it.

Whether the modules and later tests wait for it is the access rule's (`access.pre_test_refusal`);
this module records the learner's choice to skip and says whether the offer still stands.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from content.refusals import Refused

from ..models import Enrollment
from .access import ensure_may_progress, has_taken_pre_test, live_pre_test
from .completion import member_under_lock


@dataclass(frozen=True)
class PreTestOffer:
    pre_test: object  # the live pre-test quiz
    required: bool
    taken: bool
    skipped: bool

    @property
    def open(self):
        """The learner has neither taken nor skipped it: enrolling and module 1 lead here first."""
        return not self.taken and not self.skipped


def pre_test_offer(member, course):
    """The activity's pre-test as offered to `member`, or None when the activity has none."""
    pre_test = live_pre_test(course)
    if pre_test is None or member is None:
        return None
    enrollment = Enrollment.objects.filter(member=member, course=course).first()
    return PreTestOffer(
        pre_test=pre_test,
        required=course.pre_test_required,
        taken=has_taken_pre_test(member, course),
        skipped=enrollment is not None and enrollment.pre_test_skipped_at is not None,
    )


def skip_pre_test(member, course, now=None):
    """Record that the learner skips the optional pre-test (once); refused where it is required."""
    with transaction.atomic():
        ensure_may_progress(member_under_lock(member), course)
        if live_pre_test(course) is None:
            raise Refused(f"{course.title} has no pre-test to skip.")
        if course.pre_test_required:
            raise Refused(f"The pre-test of {course.title} is required: take it to open the modules.")
        enrollment = Enrollment.objects.get(member=member, course=course)
        if enrollment.pre_test_skipped_at is None:
            enrollment.pre_test_skipped_at = now or timezone.now()
            enrollment.save(update_fields=["pre_test_skipped_at"])
        return enrollment
