"""Enrolled but not completed: where each learner who has not finished an activity stands."""

from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Concat, TruncDate
from wagtail.admin.filters import WagtailFilterSet

from courses.models import ModulePage
from quizzes.models import Attempt, AttemptStatus, Quiz, QuizRole

from ..models import Completion, Enrollment, ModuleProgress
from .base import CMEReportView
from .filters import activity_filter, date_range_filter


class NotCompletedFilterSet(WagtailFilterSet):
    activity = activity_filter()
    enrolled_at = date_range_filter("enrolled_at", "Enrolled between")

    class Meta:
        model = Enrollment
        fields = []


def count_of(queryset, group_by):
    """COUNT(*) of a correlated queryset as a subquery, 0 when it matches nothing.

    Grouping by a column every matching row shares keeps the count in one row.
    """
    counted = queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def post_test_text(enrollment):
    if not enrollment.has_post_test:
        return "no post-test"
    return "yes" if enrollment.post_test_passed else "no"


class NotCompletedReportView(CMEReportView):
    page_title = "Enrolled but not completed"
    header_icon = "time"
    filterset_class = NotCompletedFilterSet
    index_url_name = "lms_reports:not_completed"
    index_results_url_name = "lms_reports:not_completed_results"
    export_name = "cme-not-completed"
    report_note = "Required modules count the activity's live required modules the learner has completed."
    list_export = ["member.member_id", "learner_name", "course.title", "enrolled_on", "modules_done", "post_test"]
    export_headings = {
        "member.member_id": "Member id",
        "learner_name": "Learner",
        "course.title": "Activity",
        "enrolled_on": "Enrolled on",
        "modules_done": "Required modules done",
        "post_test": "Post-test passed",
    }

    def get_base_queryset(self):
        required_modules = ModulePage.objects.live().filter(
            required=True, path__startswith=OuterRef("course__path"), depth=OuterRef("course__depth") + 1
        )
        done_modules = ModuleProgress.objects.filter(
            member=OuterRef("member"),
            course=OuterRef("course"),
            completed_at__isnull=False,
            module__live=True,
            module__required=True,
        )
        passed = Attempt.objects.filter(
            quiz__course=OuterRef("course"),
            quiz__role=QuizRole.POST_TEST,
            user=OuterRef("member__user"),
            status=AttemptStatus.SUBMITTED,
            passed=True,
        )
        completed = Completion.objects.filter(member=OuterRef("member"), course=OuterRef("course"))
        return (
            Enrollment.objects.filter(~Exists(completed))
            .select_related("member", "course")
            .annotate(
                enrolled_on=TruncDate("enrolled_at"),
                learner_name=Concat("member__first_name", Value(" "), "member__last_name"),
                modules_possible=count_of(required_modules, "depth"),
                modules_earned=count_of(done_modules, "member"),
                has_post_test=Exists(Quiz.objects.live().filter(course=OuterRef("course"), role=QuizRole.POST_TEST)),
                post_test_passed=Exists(passed),
            )
            .order_by("course__title", "enrolled_at", "pk")
        )

    def decorate_paginated_queryset(self, object_list):
        for enrollment in object_list:
            done = min(enrollment.modules_earned, enrollment.modules_possible)
            enrollment.modules_done = f"{done} / {enrollment.modules_possible}"
            enrollment.post_test = post_test_text(enrollment)
        return object_list
