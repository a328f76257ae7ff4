"""A portal's own view of itself: its key and scopes, and the events it may replay."""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from ...models import EventType, WebhookDelivery, WebhookEvent
from ...webhooks.scopes import visible_types
from .. import examples
from ..conventions import APIConventions, extend_schema
from ..filters import UtcDateTimeFilter
from ..pagination import EventPagination
from ..permissions import IsPortal
from ..serializers.portal import EventSerializer, PortalSerializer


class PortalView(APIConventions, APIView):
    permission_classes = [IsPortal]

    @extend_schema(
        summary="The portal and the key of this request",
        tags=["portal"],
        responses=PortalSerializer,
        examples=[examples.PORTAL],
    )
    def get(self, request):
        client, api_key = request.user.client, request.user.api_key
        previous = client.previous_secret_expires_at
        return Response(
            PortalSerializer(
                {
                    "name": client.name,
                    "scopes": sorted(client.scopes or []),
                    "key": api_key,
                    "webhook_url": client.webhook_url,
                    "previous_webhook_secret_expires_at": previous if previous and previous > timezone.now() else None,
                }
            ).data
        )


class EventQuerySerializer(serializers.Serializer):
    since = serializers.DateTimeField(required=False, input_formats=["iso-8601"])


@extend_schema(
    summary="Replay webhook events written since a time",
    description="Every event this key's portal is sent by webhook (by its scopes, and its own test events), "
    "oldest first, with the ids and bodies the webhooks carry. A receiver that was down reads from the time "
    "of the last event it handled (`since`), then follows `next_cursor`, skipping ids it already has.",
    tags=["portal"],
    parameters=[
        OpenApiParameter("since", str, description="ISO 8601 date-time: events written at or after it."),
    ],
    examples=[examples.EVENT_PAGE],
)
class EventListView(APIConventions, generics.ListAPIView):
    permission_classes = [IsPortal]
    serializer_class = EventSerializer
    pagination_class = EventPagination
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return WebhookEvent.objects.none()
        client = self.request.user.client
        query = EventQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        own_ping = Q(type=EventType.PING) & Exists(WebhookDelivery.objects.filter(event=OuterRef("pk"), client=client))
        events = WebhookEvent.objects.filter(Q(type__in=visible_types(client)) | own_ping)
        if since := query.validated_data.get("since"):
            events = UtcDateTimeFilter(field_name="created_at", lookup_expr="gte").filter(events, since)
        return events
