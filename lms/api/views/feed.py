from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import examples
from ..conventions import APIConventions, extend_schema
from ..feed_rows import feed_page
from ..pagination import MAX_PAGE_SIZE, decode_cursor, encode_cursor
from ..permissions import ScopeRequired
from ..serializers.records import FeedPageSerializer


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
        cursor = query.validated_data.get("cursor")
        if cursor is not None:
            after = decode_cursor(cursor)
        elif "updated_since" in query.validated_data:
            # Just before the first change at that time: ids are positive.
            after = (query.validated_data["updated_since"], 0)
        else:
            after = None
        # The entries come as the documented serializer would write them (lms/api/feed_rows.py).
        results, last = feed_page(query.validated_data["page_size"], after)
        next_cursor = encode_cursor(*last) if last else cursor
        return Response({"results": results, "next_cursor": next_cursor})
