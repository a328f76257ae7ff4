"""What a key tells about itself, and the events a portal may replay."""

from rest_framework import serializers

from ...models import EventType, Scope


class KeySerializer(serializers.Serializer):
    prefix = serializers.CharField(help_text="The part of the key before the dot; the admin lists keys by it.")
    name = serializers.CharField()
    created_at = serializers.DateTimeField(source="created")
    expires_at = serializers.DateTimeField(
        source="expiry_date", allow_null=True, help_text="null: until revoked. Set when the key was rotated."
    )


class PortalSerializer(serializers.Serializer):
    name = serializers.CharField()
    scopes = serializers.ListField(child=serializers.ChoiceField(choices=Scope.choices))
    key = KeySerializer(help_text="The key this request was made with.")
    webhook_url = serializers.CharField(allow_blank=True)
    previous_webhook_secret_expires_at = serializers.DateTimeField(
        allow_null=True,
        help_text="While a rotated webhook secret still signs events too (two `v1=` signatures); null otherwise.",
    )


class EventSerializer(serializers.Serializer):
    """An event exactly as its webhook delivers it (the body of the POST)."""

    id = serializers.UUIDField(help_text="The event id: the same in every delivery and here; deduplicate on it.")
    type = serializers.ChoiceField(choices=EventType.choices)
    created_at = serializers.DateTimeField()
    data = serializers.DictField(source="payload", help_text="The event's fields; see `x-webhooks` for each type.")
