"""The learner's outline of an activity: its tests and modules in order, each ticked when done,
with the progress counted as the completion rule counts it (steps done of steps required)."""

from dataclasses import dataclass

from django.urls import reverse

from ..models import Completion, ModuleProgress
from .access import has_taken_pre_test, live_pre_test
from .completion import completion_status
from .progress import progress_counts


@dataclass(frozen=True)
class OutlineItem:
    label: str
    url: str
    done: bool
    required: bool = True


@dataclass(frozen=True)
class Outline:
    items: list
    progress: dict  # {"earned", "possible", "ratio"}, as the API and the dashboard report it
    status: object  # the CompletionStatus it was built from: what is outstanding, in words


def learner_outline(member, course):
    status = completion_status(member, course)
    modules = list(course.get_modules())
    done = set(
        ModuleProgress.objects.filter(
            member=member, module_id__in=[m.pk for m in modules], completed_at__isnull=False
        ).values_list("module_id", flat=True)
    )
    items = []
    pre_test = live_pre_test(course)
    if pre_test is not None:
        items.append(
            OutlineItem(
                "Pre-test",
                reverse("quizzes:intro", args=[pre_test.pk]),
                has_taken_pre_test(member, course),
                required=course.pre_test_required,
            )
        )
    items += [
        OutlineItem(f"Module {number}: {module.title}", module.url, module.pk in done, required=module.required)
        for number, module in enumerate(modules, start=1)
    ]
    if status.post_test is not None:
        items.append(
            OutlineItem("Post-test", reverse("quizzes:intro", args=[status.post_test.pk]), status.post_test_passed)
        )
    if status.evaluation_required:
        items.append(
            OutlineItem("Evaluation", reverse("lms:evaluation", args=[course.pk]), status.evaluation_submitted)
        )
    progress = progress_counts(
        modules_possible=status.required_modules,
        modules_earned=status.completed_modules,
        requires_post_test=status.post_test is not None,
        has_post_test=status.post_test is not None,
        post_test_passed=status.post_test_passed,
        requires_evaluation=status.evaluation_required,
        evaluated=status.evaluation_submitted,
        completed=Completion.objects.filter(member=member, course=course).exists(),
    )
    return Outline(items, progress, status)
