from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from content.sanitizer import sanitize_text
from courses.disclosures import shown_disclosures
from courses.models import CoursePage, CreditDesignation, ModulePage, SupportKind
from quizzes.models import QuizRole


class CleanTextField(serializers.CharField):
    """Plain text from the page models, through the sanitizer on its way out."""

    def to_representation(self, value):
        return sanitize_text(value)


class TrackSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = CleanTextField()


class CreditDesignationSerializer(serializers.ModelSerializer):
    credit_type = serializers.CharField(source="credit_type.code")
    credit_type_name = serializers.CharField(source="credit_type.name")

    class Meta:
        model = CreditDesignation
        fields = ["credit_type", "credit_type_name", "max_amount"]


class ObjectiveSerializer(serializers.Serializer):
    id = serializers.CharField()
    text = CleanTextField(source="value")


class ModuleSummarySerializer(serializers.ModelSerializer):
    title = CleanTextField()

    class Meta:
        model = ModulePage
        fields = ["id", "slug", "title", "estimated_minutes", "required"]


class TestSummarySerializer(serializers.Serializer):
    """A pre-test, post-test or knowledge check of the activity, as a learner sees it before starting."""

    quiz_id = serializers.IntegerField(help_text="For POST /me/quizzes/{quiz_id}/attempts/.")
    title = CleanTextField()
    role = serializers.ChoiceField(choices=QuizRole.choices)
    module_id = serializers.IntegerField(
        allow_null=True, help_text="The module a knowledge check follows; null for a pre-test or post-test."
    )
    passing_score = serializers.IntegerField(help_text="Percent needed to pass; 0 for an ungraded pre-test.")
    attempts_allowed = serializers.IntegerField(allow_null=True, help_text="null: unlimited.")
    time_limit_minutes = serializers.IntegerField(allow_null=True)


class CourseSummarySerializer(serializers.ModelSerializer):
    title = CleanTextField()
    summary = CleanTextField()
    url = serializers.SerializerMethodField()
    track = TrackSerializer()
    learning_objectives = ObjectiveSerializer(many=True)
    learning_format = serializers.CharField(source="get_learning_format_display")
    credit_designations = CreditDesignationSerializer(many=True)
    updated_at = serializers.DateTimeField(source="last_published_at")
    modules = ModuleSummarySerializer(many=True, source="live_modules", help_text="In reading order.")
    tests = TestSummarySerializer(many=True, source="live_tests")

    class Meta:
        model = CoursePage
        fields = [
            "id",
            "slug",
            "title",
            "url",
            "track",
            "summary",
            "learning_objectives",
            "learning_format",
            "estimated_minutes",
            "credit_designations",
            "release_date",
            "last_review_date",
            "expiration_date",
            "members_only",
            "updated_at",
            "modules",
            "tests",
        ]
        # Only a draft lacks them, and the catalog lists published activities.
        extra_kwargs = {
            name: {"allow_null": False, "required": True}
            for name in ("release_date", "last_review_date", "expiration_date")
        }

    @extend_schema_field(serializers.URLField())
    def get_url(self, course):
        # On the host the request reached (the one the site serves), not the site record's default.
        request = self.context.get("request")
        return request.build_absolute_uri(course.get_url(request)) if request else course.full_url


class DisclosureSerializer(serializers.Serializer):
    company = CleanTextField()
    nature = CleanTextField()
    mitigated = serializers.SerializerMethodField()
    mitigation = CleanTextField(help_text="How the relationship was mitigated for this activity.")

    def get_mitigated(self, relationship) -> bool:
        return bool(relationship.mitigation)


class FacultySerializer(serializers.Serializer):
    """One person in control of content, with the relevant relationships the activity discloses
    (as published with its live revision)."""

    name = CleanTextField()
    credentials = CleanTextField()
    role = serializers.CharField()
    no_relevant_financial_relationships = serializers.SerializerMethodField()
    financial_relationships = DisclosureSerializer(source="relationships", many=True)

    def get_no_relevant_financial_relationships(self, disclosure) -> bool:
        return not disclosure.relationships


class CommercialSupportSerializer(serializers.Serializer):
    supporter = CleanTextField()
    kind = serializers.ChoiceField(choices=SupportKind.choices)
    description = CleanTextField()


class CourseDetailSerializer(CourseSummarySerializer):
    target_audience = CleanTextField()
    commercial_support = CleanTextField(source="get_commercial_support_statement")
    commercial_supporters = CommercialSupportSerializer(many=True)
    faculty = serializers.SerializerMethodField()

    class Meta(CourseSummarySerializer.Meta):
        fields = CourseSummarySerializer.Meta.fields + [
            "target_audience",
            "commercial_support",
            "commercial_supporters",
            "faculty",
        ]

    @extend_schema_field(FacultySerializer(many=True))
    def get_faculty(self, course):
        return FacultySerializer(shown_disclosures(course), many=True).data
