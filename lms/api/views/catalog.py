import operator
from functools import reduce

from django.db.models import Exists, OuterRef, Prefetch, Q
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_view
from rest_framework import viewsets
from rest_framework.response import Response

from courses.models import CoursePage, CreditDesignation, ModulePage
from quizzes.models import Quiz

from .. import examples
from ..catalog_cache import cached_answer
from ..conventions import APIConventions, extend_schema
from ..converters import RecordIdConverter
from ..filters import UtcDateTimeFilter
from ..pagination import ListPagination
from ..permissions import ScopeRequired
from ..serializers.catalog import CourseDetailSerializer, CourseSummarySerializer


class CatalogFilter(filters.FilterSet):
    track = filters.CharFilter(field_name="track__slug", help_text="Track slug, e.g. ipm-fundamentals.")
    credit_type = filters.CharFilter(
        method="filter_credit_type", help_text="Credit type code, e.g. ama-pra-category-1."
    )
    updated_since = UtcDateTimeFilter(
        field_name="last_published_at", lookup_expr="gte", help_text="Only activities published since (ISO 8601)."
    )

    class Meta:
        model = CoursePage
        fields = ["track", "credit_type", "updated_since"]

    def filter_credit_type(self, queryset, name, value):
        return queryset.filter(Exists(CreditDesignation.objects.filter(page=OuterRef("pk"), credit_type__code=value)))


@extend_schema_view(
    list=extend_schema(summary="List published CME activities", tags=["catalog"], examples=[examples.CATALOG_PAGE]),
    retrieve=extend_schema(
        summary="One CME activity with its faculty, disclosures and modules",
        tags=["catalog"],
        examples=[examples.COURSE_DETAIL],
    ),
)
class CatalogViewSet(APIConventions, viewsets.ReadOnlyModelViewSet):
    permission_classes = [ScopeRequired]
    required_scope = "catalog:read"
    pagination_class = ListPagination
    filterset_class = CatalogFilter
    lookup_value_regex = RecordIdConverter.regex

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no database needed
            return CoursePage.objects.none()
        courses = (
            CoursePage.objects.live()
            .public()
            .select_related("track")
            .prefetch_related(
                Prefetch("credit_designations", queryset=CreditDesignation.objects.select_related("credit_type"))
            )
            .order_by("title", "pk")
        )
        if self.action == "retrieve":
            # Disclosures are read as published with the live revision (courses.disclosures).
            courses = courses.prefetch_related("commercial_supporters")
        return courses

    def list(self, request, *args, **kwargs):
        return Response(cached_answer(request, lambda: super(CatalogViewSet, self).list(request, *args, **kwargs).data))

    def get_serializer_class(self):
        return CourseDetailSerializer if self.action == "retrieve" else CourseSummarySerializer

    def get_object(self):
        course = super().get_object()
        attach_modules_and_tests([course])
        return course

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        attach_modules_and_tests(page)
        return page


def attach_modules_and_tests(courses):
    """Each activity's live modules (`live_modules`) and tests (`live_tests`): two queries for a page."""
    by_path = {course.path: course for course in courses}
    for course in courses:
        course.live_modules, course.live_tests = [], []
    if not courses:
        return
    children = (Q(path__startswith=course.path, depth=course.depth + 1) for course in courses)
    modules = ModulePage.objects.live().filter(reduce(operator.or_, children)).order_by("path")
    module_course = {}
    for module in modules:
        course = by_path[module.path[: -ModulePage.steplen]]
        course.live_modules.append(module)
        module_course[module.pk] = course
    quizzes = (
        Quiz.objects.live()
        .filter(Q(course__in=courses) | Q(module_id__in=module_course))
        .order_by("pk")
        .values("pk", "title", "role", "course_id", "module_id", "passing_score", "max_attempts", "time_limit_minutes")
    )
    by_pk = {course.pk: course for course in courses}
    for quiz in quizzes:
        course = by_pk.get(quiz["course_id"]) or module_course[quiz["module_id"]]
        course.live_tests.append(
            {
                "quiz_id": quiz["pk"],
                "title": quiz["title"],
                "role": quiz["role"],
                "module_id": quiz["module_id"],
                "passing_score": quiz["passing_score"],
                "attempts_allowed": quiz["max_attempts"] or None,
                "time_limit_minutes": quiz["time_limit_minutes"],
            }
        )
