"""What every outbound message carries to be sent at least once: status, attempts, lease, outcome.

Each channel (webhooks to portals, and any other receiver) has its own concrete delivery model
with this state; lms/outbox/ claims, sends, retries and sweeps them alike.
"""

from django.db import models


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed (gave up)"


class OutboundDelivery(models.Model):
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(
        null=True, blank=True, help_text="When the next attempt is due; empty once delivered or failed."
    )
    give_up_at = models.DateTimeField(help_text="A failed attempt after this marks the delivery failed.")
    leased_until = models.DateTimeField(
        null=True,
        blank=True,
        help_text="A worker is sending until then; the lease of a worker that stopped simply runs out.",
    )
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
