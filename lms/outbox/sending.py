"""Send one delivery: claim it under a lease, let its channel send it, record what happened.

The lease is what keeps "at least once" safe across crashes: a worker that dies mid-delivery
leaves a pending row whose lease runs out, and the sweeper queues it again.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from lms.models import DeliveryStatus, OutboundDelivery

from .channels import Channel, channel
from .retry import next_attempt_at

# Far above any channel's request timeout, so a lease only runs out when its worker has stopped.
LEASE = timedelta(minutes=5)
MAX_ERROR_LENGTH = 500


def claimable(now: datetime) -> Q:
    return Q(status=DeliveryStatus.PENDING, next_attempt_at__lte=now) & (
        Q(leased_until__isnull=True) | Q(leased_until__lte=now)
    )


def claim(outbound: Channel, delivery_id: int, now: datetime) -> OutboundDelivery | None:
    """Take the lease on a due delivery, or None if it is not due, finished, or held by another worker."""
    with transaction.atomic():
        # SKIP LOCKED: a second worker passes over a row that another is claiming instead of
        # waiting for it. SQLite has no row locks and ignores this; its single writer serializes claims.
        delivery = (
            outbound.deliveries().select_for_update(skip_locked=True).filter(claimable(now), pk=delivery_id).first()
        )
        if delivery is None:
            return None
        delivery.attempts += 1
        delivery.last_attempt_at = now
        delivery.leased_until = now + LEASE
        delivery.save(update_fields=["attempts", "last_attempt_at", "leased_until"])
    return delivery


def waiting(now: datetime) -> Q:
    """Pending and not held by a worker, whether its next attempt is due or not."""
    return Q(status=DeliveryStatus.PENDING) & (Q(leased_until__isnull=True) | Q(leased_until__lte=now))


def claim_batch(outbound: Channel, delivery_id: int, now: datetime) -> list[OutboundDelivery]:
    """Take the lease on a due delivery and on the oldest others waiting beside it, up to the
    channel's batch size, in the order written; empty if the delivery itself cannot be claimed.

    The others join whether their retry is due or not: they all go to the one receiver, so they
    only wait because it did not answer, and sending them with this one keeps them in order.
    """
    with transaction.atomic():
        first = outbound.deliveries().select_for_update(skip_locked=True).filter(claimable(now), pk=delivery_id).first()
        if first is None:
            return []
        others = (
            outbound.deliveries()
            .select_for_update(skip_locked=True)
            .filter(waiting(now))
            .exclude(pk=delivery_id)
            .order_by("pk")[: outbound.batch_size - 1]
        )
        batch = sorted([first, *others], key=lambda delivery: delivery.pk)
        for delivery in batch:
            delivery.attempts += 1
            delivery.last_attempt_at = now
            delivery.leased_until = now + LEASE
        type(first).objects.bulk_update(batch, ["attempts", "last_attempt_at", "leased_until"])
    return batch


def record(delivery: OutboundDelivery, now: datetime, status_code: int | None, error: str):
    """Store the outcome of the attempt; None if this worker no longer held the lease."""
    changes = {"leased_until": None, "last_status_code": status_code, "last_error": error[:MAX_ERROR_LENGTH]}
    if status_code is not None and 200 <= status_code < 300 and not error:
        changes.update(status=DeliveryStatus.DELIVERED, delivered_at=now, next_attempt_at=None, last_error="")
    else:
        retry_at = next_attempt_at(delivery.attempts, now, delivery.give_up_at)
        if retry_at is None:
            changes.update(status=DeliveryStatus.FAILED, next_attempt_at=None)
        else:
            changes["next_attempt_at"] = retry_at
    # Only the lease holder writes: if this worker overran its lease and another took over,
    # the other's result stands and a delivered row is never turned back into a pending one.
    held = (
        type(delivery)
        .objects.filter(pk=delivery.pk, status=DeliveryStatus.PENDING, leased_until=delivery.leased_until)
        .update(**changes)
    )
    if not held:
        return None
    for field, value in changes.items():
        setattr(delivery, field, value)
    return delivery


def deliver(channel_name: str, delivery_id: int, now: datetime | None = None):
    """Make one attempt if the delivery is due; the updated delivery, or None if nothing was done."""
    for delivery in deliver_with_batch(channel_name, delivery_id, now):
        if delivery.pk == delivery_id:
            return delivery
    return None


def deliver_with_batch(channel_name: str, delivery_id: int, now: datetime | None = None) -> list[OutboundDelivery]:
    """Make one attempt at the delivery, with the others of its batch on a batched channel; the
    deliveries whose outcome this worker recorded (none if the delivery was not due)."""
    outbound = channel(channel_name)
    now = now or timezone.now()
    if outbound.send_batch is None or outbound.batch_size <= 1:
        delivery = claim(outbound, delivery_id, now)
        if delivery is None:
            return []
        status_code, error = outbound.send(delivery)
        recorded = record(delivery, now, status_code, error)
        return [recorded] if recorded is not None else []
    batch = claim_batch(outbound, delivery_id, now)
    if not batch:
        return []
    results = outbound.send_batch(batch)
    recorded = [record(delivery, now, *result) for delivery, result in zip(batch, results, strict=True)]
    return [delivery for delivery in recorded if delivery is not None]
