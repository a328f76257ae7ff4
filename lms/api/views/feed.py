import datetime
from collections import defaultdict

from django.db.models import F, OuterRef, Subquery
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.models import Page

from ...models import Certificate, Completion, CreditClaim, current_certificate
from ...services.counted_credit import counted_claims
from .. import examples
from ..conventions import APIConventions, extend_schema
from ..pagination import MAX_PAGE_SIZE, after_cursor, encode_cursor
from ..permissions import ScopeRequired
from ..serializers.records import FeedPageSerializer

FEED_COLUMNS = ("id", "course_id", "completed_at", "updated_at")
FEED_JOINED = {
    "member_number": F("member__member_id"),
    # From the page row by id rather than joined through the activity's own table: with two
    # relations fewer, PostgreSQL plans a page after a cursor (a new plan for every cursor) in a
    # quarter of the time, which had made page N cost more than page 1.
    "course_title": Subquery(Page.objects.filter(pk=OuterRef("course_id")).values("title")[:1]),
    "certificate_code": F("certificate__code"),
    "certificate_revoked_at": Subquery(
        Certificate.objects.filter(completion=OuterRef("pk"), revoked_at__isnull=False)
        .order_by("-revoked_at")
        .values("revoked_at")[:1]
    ),
}


class FeedQuerySerializer(serializers.Serializer):
    cursor = serializers.CharField(required=False)
    updated_since = serializers.DateTimeField(required=False)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE, default=50)


class CompletionsFeedView(APIConventions, APIView):
    """Completions with their credit claims, oldest change first, paged by a keyset cursor.

    A claim or a revocation moves its completion to the end of the feed (its updated_at
    changes), so a portal that keeps the last cursor sees every change once it happens.
    """

    permission_classes = [ScopeRequired]
    required_scope = "progress:read"

    @extend_schema(
        summary="Completions and credit claims across members, in change order",
        tags=["progress"],
        parameters=[
            OpenApiParameter("cursor", str, description="next_cursor of the previous page"),
            OpenApiParameter("updated_since", str, description="ISO 8601 time to start from, instead of a cursor"),
            OpenApiParameter("page_size", int, description=f"1 to {MAX_PAGE_SIZE}, default 50"),
        ],
        responses=FeedPageSerializer,
        examples=[examples.FEED],
    )
    def get(self, request):
        query = FeedQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        size = query.validated_data["page_size"]
        entries = Completion.objects.alias(certificate=current_certificate())
        if "cursor" in query.validated_data:
            entries = after_cursor(entries, query.validated_data["cursor"])
        elif "updated_since" in query.validated_data:
            entries = entries.filter(updated_at__gte=query.validated_data["updated_since"].astimezone(datetime.UTC))
        # Plain rows, not model objects: building 50 completions with their member, activity page,
        # certificate and claims cost more than the database took to find them.
        rows = list(entries.order_by("updated_at", "pk").values(*FEED_COLUMNS, **FEED_JOINED)[:size])
        claims = defaultdict(list)
        for claim in (
            # A revoked certificate's completion stays in the feed, marked revoked, with no credit.
            counted_claims(CreditClaim.objects.filter(completion_id__in=[row["id"] for row in rows]))
            .order_by("pk")
            .values("completion_id", "amount", "claimed_at", "report_consent", credit_type_code=F("credit_type__code"))
        ):
            claim["credit_type"] = claim.pop("credit_type_code")
            claims[claim.pop("completion_id")].append(claim)
        page = [
            {
                "id": row["id"],
                "member_id": row["member_number"],
                "course": {"id": row["course_id"], "title": row["course_title"]},
                "completed_at": row["completed_at"],
                "updated_at": row["updated_at"],
                "credit_claims": claims[row["id"]],
                "certificate_code": row["certificate_code"],
                "certificate_revoked": row["certificate_revoked_at"] is not None,
                "certificate_revoked_at": row["certificate_revoked_at"],
            }
            for row in rows
        ]
        last = rows[-1] if rows else None
        next_cursor = encode_cursor(last["updated_at"], last["id"]) if last else query.validated_data.get("cursor")
        return Response(FeedPageSerializer({"results": page, "next_cursor": next_cursor}).data)
