from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Lower
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from ...models import EmailChange, Member
from ...services import progress_cache
from ...services.member_progress import member_progress
from ...services.members import upsert_member
from ...services.progress_version import member_with_progress_version
from ...services.transcript import transcript
from .. import examples
from ..conditional import IF_MATCH, IF_NONE_MATCH, NOT_MODIFIED, expected_version, member_etag, progress_response
from ..conventions import APIConventions, extend_schema
from ..filters import UtcDateTimeFilter
from ..pagination import KeysetPagination
from ..permissions import ScopeRequired
from ..serializers.members import MemberSerializer, PeriodQuerySerializer
from ..serializers.records import MemberProgressSerializer, TranscriptSerializer

MEMBER_EXAMPLE = OpenApiExample(
    "A member physician",
    value={
        "email": "priya.patel@example.org",
        "first_name": "Priya",
        "last_name": "Patel",
        "degree": "MD",
        "npi": "1234567893",
        "board_id": "ABPMR-000001",
        "birth_month": 4,
        "birth_day": 17,
        "specialty": "Physical medicine and rehabilitation",
        "license_states": "NY, NJ",
        "license_number": "NY-209876",
        "license_report_consent": True,
        "membership_status": "active",
        "membership_expires_on": "2027-12-31",
    },
    request_only=True,
)


class MemberFilter(filters.FilterSet):
    updated_since = UtcDateTimeFilter(
        field_name="updated_at", lookup_expr="gte", help_text="Only members changed since (ISO 8601 date-time)."
    )
    npi = filters.CharFilter(help_text="The member with this NPI (at most one).")
    email = filters.CharFilter(
        method="filter_email", help_text="The member with this e-mail, compared without regard to case (at most one)."
    )

    class Meta:
        model = Member
        fields = ["membership_status", "degree", "updated_since", "npi", "email"]

    def filter_email(self, queryset, name, value):
        # Lower() on both sides: the lookup the case-insensitive unique index answers.
        return queryset.alias(address=Lower("email")).filter(address=Lower(Value(value)))


@extend_schema_view(
    list=extend_schema(summary="List members", tags=["members"], examples=[examples.MEMBER_PAGE]),
    retrieve=extend_schema(
        summary="Read one member by society member id",
        description="The ETag header is the member's version, for If-Match on a later PUT.",
        tags=["members"],
        examples=[examples.MEMBER],
    ),
    update=extend_schema(
        summary="Create or replace a member by society member id (idempotent)",
        description="A full replace: the body is the whole member, and an optional field left out is cleared "
        "(blank, null, or `non_member` for `membership_status`). Send `If-Match` with the ETag of your last read "
        "to refuse the write (412) if the member changed since. "
        "201 when created, 200 when updated or unchanged, 202 when updated except for a new e-mail "
        "that waits for the member's confirmation (`pending_email`). A new e-mail for an account that signs in "
        "with a password is refused with 422 unless the society turned verified e-mail changes on; an account "
        "with staff rights is not changed (422); an e-mail or an NPI another member has is 409.",
        tags=["members"],
        parameters=[IF_MATCH],
        examples=[MEMBER_EXAMPLE, examples.MEMBER, examples.MEMBER_EMAIL_PENDING],
        responses={200: MemberSerializer, 201: MemberSerializer, 202: MemberSerializer},
    ),
)
class MemberViewSet(
    APIConventions, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet
):
    queryset = (
        Member.objects.select_related("user")
        .annotate(
            pending_email=Subquery(
                EmailChange.objects.filter(member=OuterRef("pk"), confirmed_at__isnull=True).values("email")[:1]
            )
        )
        .order_by("member_id")
    )
    serializer_class = MemberSerializer
    permission_classes = [ScopeRequired]
    required_scope = "members:read"
    scopes_by_action = {"update": "members:write", "progress": "progress:read", "transcript": "progress:read"}
    lookup_field = "member_id"
    lookup_value_regex = r"[^/]+"
    pagination_class = KeysetPagination
    filterset_class = MemberFilter
    http_method_names = ["get", "put", "head", "options"]

    def prefetch_cache_keys(self, request):
        if self.action == "progress":
            return progress_cache.keys_to_prefetch(("member_id", self.kwargs.get("member_id")))
        return ()

    def retrieve(self, request, *args, **kwargs):
        member = self.get_object()
        return Response(self.get_serializer(member).data, headers={"ETag": member_etag(member)})

    def update(self, request, *args, **kwargs):
        member_id = self.kwargs["member_id"]
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if isinstance(request.data, dict) and request.data.get("member_id", member_id) != member_id:
            raise ValidationError({"member_id": ["Differs from the member id in the URL; leave it out or repeat it."]})
        upserted = upsert_member(member_id, serializer.validated_data, expected_version(request))
        if upserted.created:
            answer = status.HTTP_201_CREATED
        elif upserted.email_pending:
            answer = status.HTTP_202_ACCEPTED
        else:
            answer = status.HTTP_200_OK
        member = self.get_queryset().get(pk=upserted.member.pk)
        return Response(self.get_serializer(member).data, status=answer, headers={"ETag": member_etag(member)})

    @extend_schema(
        summary="A member's progress in every enrolled activity",
        tags=["progress"],
        parameters=[IF_NONE_MATCH],
        responses={200: MemberProgressSerializer, 304: NOT_MODIFIED},
        examples=[examples.PROGRESS],
    )
    @action(detail=True, methods=["get"], url_path="progress")
    def progress(self, request, member_id=None):
        # The version stamp rides on the member lookup: a 304 costs no query of its own.
        return progress_response(
            request,
            ("member_id", member_id),
            lambda: member_with_progress_version(member_id=member_id),
            member_progress,
        )

    @extend_schema(
        summary="A member's credit transcript for a date range",
        tags=["progress"],
        parameters=[
            OpenApiParameter(
                "start", OpenApiTypes.DATE, description="First day of the period (completion date), YYYY-MM-DD"
            ),
            OpenApiParameter("end", OpenApiTypes.DATE, description="Last day of the period, YYYY-MM-DD"),
        ],
        responses=TranscriptSerializer,
        examples=[examples.TRANSCRIPT],
    )
    @action(detail=True, methods=["get"], url_path="transcript")
    def transcript(self, request, member_id=None):
        member = self.get_object()
        query = PeriodQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        start, end = query.validated_data.get("start"), query.validated_data.get("end")
        rows, totals = transcript(member, start, end)
        return Response(
            TranscriptSerializer(
                {"member_id": member.member_id, "start": start, "end": end, "rows": rows, "totals": totals}
            ).data
        )
