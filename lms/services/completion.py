"""The completion rule and recording a completion exactly once."""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from content.learner_lock import lock_learner
from courses.models import ModulePage
from quizzes.models import Attempt, AttemptStatus, Quiz, QuizRole

from ..models import Completion, Enrollment, Evaluation, Member, ModuleProgress
from . import events
from .feed import stamp_new_completion


@dataclass
class CompletionStatus:
    required_modules: int
    completed_modules: int
    post_test: Quiz | None
    post_test_passed: bool
    evaluation_required: bool
    evaluation_submitted: bool
    outstanding: list = field(default_factory=list)

    @property
    def complete(self):
        return not self.outstanding


def completion_status(member, course):
    required = list(ModulePage.objects.child_of(course).live().filter(required=True).values_list("pk", flat=True))
    done = set(
        ModuleProgress.objects.filter(member=member, module_id__in=required, completed_at__isnull=False).values_list(
            "module_id", flat=True
        )
    )
    post_test = (
        Quiz.objects.live().filter(course=course, role=QuizRole.POST_TEST).first()
        if course.completion_requires_post_test
        else None
    )
    passed = (
        post_test is not None
        and Attempt.objects.filter(
            quiz=post_test, user_id=member.user_id, status=AttemptStatus.SUBMITTED, passed=True
        ).exists()
    )
    evaluated = Evaluation.objects.filter(member=member, course=course).exists()
    status = CompletionStatus(
        required_modules=len(required),
        completed_modules=len(done),
        post_test=post_test,
        post_test_passed=passed,
        evaluation_required=course.completion_requires_evaluation,
        evaluation_submitted=evaluated,
    )
    if len(done) < len(required):
        status.outstanding.append(
            f"complete the remaining {len(required) - len(done)} of {len(required)} required modules"
        )
    if post_test is not None and not passed:
        status.outstanding.append(f"pass the post-test ({post_test.passing_score}% or higher)")
    if course.completion_requires_evaluation and not evaluated:
        status.outstanding.append("submit the evaluation")
    return status


def member_under_lock(member):
    """Take the learner's lock (content/learner_lock.py) and read the member again under it: whether
    they may take the step is decided on the member as it is now."""
    lock_learner(member.user_id)
    return Member.objects.get(pk=member.pk)


def check_completion(member, course, now=None):
    """Record the completion if the rule is met and it is not recorded yet; return it or None."""
    try:
        with transaction.atomic():
            lock_learner(member.user_id)
            existing = Completion.objects.filter(member=member, course=course).first()
            if existing is not None:
                return existing
            if not Enrollment.objects.filter(member=member, course=course).exists():
                return None
            if not completion_status(member, course).complete:
                return None
            completion = stamp_new_completion(member=member, course=course, completed_at=now or timezone.now())
            events.completion_created(completion)
            return completion
    except IntegrityError:
        # A concurrent event recorded it first (where rows cannot be locked): the constraint held.
        return Completion.objects.get(member=member, course=course)
