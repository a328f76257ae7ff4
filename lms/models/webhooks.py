"""The webhook outbox: one event per fact worth telling portals, one delivery per listening portal.

Events are written in the same transaction as the record they describe, so a portal hears of a
completion exactly when the completion exists; the deliveries carry the sending state.
"""

import uuid

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from .outbox import OutboundDelivery
from .portal import PortalClient


class EventType(models.TextChoices):
    COMPLETION_CREATED = "completion.created", "Completion created"
    CREDIT_CLAIMED = "credit.claimed", "Credit claimed"
    CERTIFICATE_ISSUED = "certificate.issued", "Certificate issued"
    CERTIFICATE_REVOKED = "certificate.revoked", "Certificate revoked"
    CERTIFICATE_SUPERSEDED = "certificate.superseded", "Certificate superseded"
    MEMBER_UPDATED = "member.updated", "Member updated"
    PING = "ping", "Test event"


class WebhookEvent(models.Model):
    # The primary key is the event id receivers deduplicate on: random, never reused, the same
    # on every attempt and every redelivery.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    type = models.CharField(max_length=40, choices=EventType.choices)
    # DjangoJSONEncoder so services can pass Decimals, dates and UUIDs as they have them.
    payload = models.JSONField(encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "webhook event"

    def __str__(self):
        return f"{self.type} {self.id}"


class WebhookDelivery(OutboundDelivery):
    event = models.ForeignKey(WebhookEvent, on_delete=models.CASCADE, related_name="deliveries")
    client = models.ForeignKey(PortalClient, on_delete=models.CASCADE, related_name="webhook_deliveries")

    class Meta:
        ordering = ["-pk"]
        verbose_name = "webhook delivery"
        verbose_name_plural = "webhook deliveries"
        constraints = [models.UniqueConstraint(fields=["event", "client"], name="deliver_event_once_per_client")]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due")]

    def __str__(self):
        return f"{self.event.type} to {self.client}"
