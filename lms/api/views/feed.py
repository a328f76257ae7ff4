import datetime

from django.db.models import F, Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from ...models import Completion, CreditClaim
from .. import examples
from ..pagination import MAX_PAGE_SIZE, after_cursor, encode_cursor
from ..permissions import ScopeRequired
from ..serializers.records import FeedPageSerializer


FEED_COLUMNS = (
    "id", "course_id", "completed_at", "updated_at", "member__member_id", "certificate__code", "certificate__revoked_at",
)


class FeedQuerySerializer(serializers.Serializer):
    cursor = serializers.CharField(required=False)
    updated_since = serializers.DateTimeField(required=False)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE, default=50)


class CompletionsFeedView(APIView):
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
        entries = (
            Completion.objects.select_related("member", "certificate")
            .only(*FEED_COLUMNS)
            # The activity's title only: building a page object per entry would cost more than the query.
            .annotate(course_title=F("course__title"))
            .prefetch_related(Prefetch("claims", queryset=CreditClaim.objects.select_related("credit_type").order_by("pk")))
        )
        if "cursor" in query.validated_data:
            entries = after_cursor(entries, query.validated_data["cursor"])
        elif "updated_since" in query.validated_data:
            entries = entries.filter(updated_at__gte=query.validated_data["updated_since"].astimezone(datetime.timezone.utc))
        page = list(entries.order_by("updated_at", "pk")[:size])
        for entry in page:
            entry.course_ref = {"id": entry.course_id, "title": entry.course_title}
            certificate = getattr(entry, "certificate", None)
            entry.certificate_code = certificate.code if certificate else None
            entry.certificate_revoked = bool(certificate and not certificate.is_valid)
        last = page[-1] if page else None
        next_cursor = encode_cursor(last.updated_at, last.pk) if last else query.validated_data.get("cursor")
        return Response(FeedPageSerializer({"results": page, "next_cursor": next_cursor}).data)
