"""Module progress: started when opened, complete when marked or when its knowledge check is passed."""

import functools

from django.db import transaction
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from courses.models import ModulePage
from quizzes.models import Attempt, AttemptStatus, Quiz, QuizRole

from ..models import Completion, Enrollment, Evaluation, ModuleProgress
from .completion import check_completion, lock_member
from .errors import RecordRefused


def record_module_started(member, module, course):
    ModuleProgress.objects.get_or_create(member=member, module=module, defaults={"course": course})


def complete_module(member, module, course, now=None):
    """Mark the module complete (once) and record the course completion if that finishes it."""
    if Quiz.objects.filter(module=module).exists():
        raise RecordRefused("This module is complete once you pass its knowledge check.")
    return _complete(member, module, course, now)


def complete_module_by_knowledge_check(member, module, course, now=None):
    return _complete(member, module, course, now)


def _complete(member, module, course, now):
    if not Enrollment.objects.filter(member=member, course=course).exists():
        raise RecordRefused(f"Enrol in {course.title} first; your progress is recorded from then on.")
    with transaction.atomic():
        lock_member(member)
        progress, _ = ModuleProgress.objects.get_or_create(member=member, module=module, defaults={"course": course})
        if progress.completed_at is None:
            progress.completed_at = now or timezone.now()
            progress.save(update_fields=["completed_at"])
        check_completion(member, course, now=now)
    return progress


def _count(queryset, group_by):
    """COUNT(*) of a correlated queryset as a subquery (0 when it matches nothing)."""
    counted = queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def enrollments_with_progress(member):
    """The member's enrollments, each annotated with its progress, in one query.

    earned/possible count required modules done, a passed post-test and a submitted
    evaluation, as far as the activity's completion rule asks for them.
    """
    return annotated_enrollments().filter(member=member)


@functools.cache
def annotated_enrollments():
    """All enrollments with their progress annotations, built once per process: resolving these
    subqueries takes longer than the database takes to run them, and they never change. Callers
    filter the (never evaluated) queryset, which clones it."""
    required_modules = ModulePage.objects.live().filter(
        required=True, path__startswith=OuterRef("course__path"), depth=OuterRef("course__depth") + 1
    )
    done_modules = ModuleProgress.objects.filter(
        member=OuterRef("member"), course=OuterRef("course"), completed_at__isnull=False, module__live=True,
        module__required=True,
    )
    post_tests = Quiz.objects.filter(course=OuterRef("course"), role=QuizRole.POST_TEST)
    passed = Attempt.objects.filter(
        quiz__course=OuterRef("course"), quiz__role=QuizRole.POST_TEST, user=OuterRef("member__user"),
        status=AttemptStatus.SUBMITTED, passed=True,
    )
    return (
        Enrollment.objects.select_related("course", "course__track")
        .annotate(
            modules_possible=_count(required_modules, "depth"),
            modules_earned=_count(done_modules, "member"),
            has_post_test=Exists(post_tests),
            post_test_passed=Exists(passed),
            evaluated=Exists(Evaluation.objects.filter(member=OuterRef("member"), course=OuterRef("course"))),
            completed_at=Subquery(
                Completion.objects.filter(member=OuterRef("member"), course=OuterRef("course")).values("completed_at")[:1]
            ),
            certificate_code=Subquery(
                Completion.objects.filter(member=OuterRef("member"), course=OuterRef("course"), certificate__isnull=False)
                .values("certificate__code")[:1]
            ),
        )
        .order_by("-enrolled_at")
    )


def progress_of(enrollment):
    """{"earned", "possible", "ratio"} for an enrollment from enrollments_with_progress()."""
    course = enrollment.course
    possible = enrollment.modules_possible
    earned = min(enrollment.modules_earned, possible)
    if course.completion_requires_post_test and enrollment.has_post_test:
        possible += 1
        earned += int(enrollment.post_test_passed)
    if course.completion_requires_evaluation:
        possible += 1
        earned += int(enrollment.evaluated)
    if enrollment.completed_at:
        earned = possible
    return {"earned": earned, "possible": possible, "ratio": round(earned / possible, 4) if possible else 0.0}
