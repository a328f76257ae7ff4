"""Module progress: started when opened, complete when marked or when its knowledge check is passed."""

import functools

from django.db import transaction
from django.db.models import CharField, Count, Exists, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Concat
from django.utils import timezone

from content.learner_lock import lock_learner
from content.refusals import Refused
from courses.models import ModulePage
from quizzes.models import Attempt, AttemptStatus, Quiz, QuizRole

from ..models import Certificate, Completion, Enrollment, Evaluation, ModuleProgress
from .access import ensure_may_study
from .completion import check_completion, member_under_lock


def record_module_started(member, module, course):
    ModuleProgress.objects.get_or_create(member=member, module=module, defaults={"course": course})


def complete_module(member, module, course, now=None):
    """The learner marks the module complete (once); the course completion follows if that finishes it.

    Refused, with nothing written, unless the learner may take a step in the activity and has taken
    a required pre-test (services/access.py), and the module has no knowledge check to pass instead.
    """
    with transaction.atomic():
        ensure_may_study(member_under_lock(member), course)
        if Quiz.objects.live().filter(module=module).exists():
            raise Refused("This module is complete once you pass its knowledge check.")
        return _complete(member, module, course, now)


def complete_module_by_knowledge_check(member, module, course, now=None):
    """The module of a passed knowledge check. The test's start was checked against the access
    rule; its result is the learner's, so it counts even if the membership lapsed meanwhile."""
    if not Enrollment.objects.filter(member=member, course=course).exists():
        return None
    with transaction.atomic():
        lock_learner(member.user_id)
        return _complete(member, module, course, now)


def _complete(member, module, course, now):
    progress, _ = ModuleProgress.objects.get_or_create(member=member, module=module, defaults={"course": course})
    if progress.completed_at is None:
        progress.completed_at = now or timezone.now()
        progress.save(update_fields=["completed_at"])
    check_completion(member, course, now=now)
    return progress


DEFERRED_COURSE_FIELDS = (
    "summary",
    "learning_objectives",
    "target_audience",
    "accreditation_statement",
    "designation_statement",
    "technical_requirements",
    "content_notice",
    "search_description",
    "seo_title",
)


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
    # The children of a page are the paths in (its path, its path + "ZZZZ"] one level down; a range
    # lets the database walk the path index where LIKE on a column would scan every page.
    required_modules = ModulePage.objects.live().filter(
        required=True,
        depth=OuterRef("course__depth") + 1,
        path__gt=OuterRef("course__path"),
        path__lte=Concat(OuterRef("course__path"), Value("Z" * ModulePage.steplen), output_field=CharField()),
    )
    done_modules = ModuleProgress.objects.filter(
        member=OuterRef("member"),
        course=OuterRef("course"),
        completed_at__isnull=False,
        module__live=True,
        module__required=True,
    )
    post_tests = Quiz.objects.live().filter(course=OuterRef("course"), role=QuizRole.POST_TEST)
    passed = Attempt.objects.filter(
        quiz__course=OuterRef("course"),
        quiz__role=QuizRole.POST_TEST,
        user=OuterRef("member__user"),
        status=AttemptStatus.SUBMITTED,
        passed=True,
    )
    return (
        Enrollment.objects.select_related("course", "course__track")
        # Progress lists show titles and links: the long texts of each activity stay in the database.
        .defer(*(f"course__{name}" for name in DEFERRED_COURSE_FIELDS))
        .annotate(
            modules_possible=_count(required_modules, "depth"),
            modules_earned=_count(done_modules, "member"),
            has_post_test=Exists(post_tests),
            post_test_passed=Exists(passed),
            evaluated=Exists(Evaluation.objects.filter(member=OuterRef("member"), course=OuterRef("course"))),
            completed_at=Subquery(
                Completion.objects.filter(member=OuterRef("member"), course=OuterRef("course")).values("completed_at")[
                    :1
                ]
            ),
            certificate_code=Subquery(
                Certificate.objects.current()
                .filter(completion__member=OuterRef("member"), completion__course=OuterRef("course"))
                .values("code")[:1]
            ),
        )
        .order_by("-enrolled_at")
    )


def progress_of(enrollment):
    """{"earned", "possible", "ratio"} for an enrollment from enrollments_with_progress()."""
    course = enrollment.course
    return progress_counts(
        modules_possible=enrollment.modules_possible,
        modules_earned=enrollment.modules_earned,
        requires_post_test=course.completion_requires_post_test,
        has_post_test=enrollment.has_post_test,
        post_test_passed=enrollment.post_test_passed,
        requires_evaluation=course.completion_requires_evaluation,
        evaluated=enrollment.evaluated,
        completed=bool(enrollment.completed_at),
    )


def progress_counts(
    *,
    modules_possible,
    modules_earned,
    requires_post_test,
    has_post_test,
    post_test_passed,
    requires_evaluation,
    evaluated,
    completed,
):
    """Steps earned of steps possible: required modules, then the post-test and the evaluation
    where the activity's completion rule asks for them; a completed activity has earned them all."""
    possible = modules_possible
    earned = min(modules_earned, possible)
    if requires_post_test and has_post_test:
        possible += 1
        earned += int(post_test_passed)
    if requires_evaluation:
        possible += 1
        earned += int(evaluated)
    if completed:
        earned = possible
    return {"earned": earned, "possible": possible, "ratio": round(earned / possible, 4) if possible else 0.0}
