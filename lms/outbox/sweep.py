"""Queue again the deliveries whose task was lost.

A task can be lost between a commit and its enqueue, when a worker is killed mid-delivery (its
lease then runs out), or when a task raised. Such a delivery is pending, overdue and not leased.
"""

from datetime import datetime, timedelta
from functools import partial

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from lms.models import DeliveryStatus

from .channels import channels
from .tasks import enqueue

# A queued task runs within seconds of being due; one overdue by this much has no task waiting.
GRACE = timedelta(minutes=5)
BATCH = 500


def requeue_due_deliveries(now: datetime | None = None) -> int:
    """Queue a task for each lost delivery of every channel; returns how many were queued."""
    now = now or timezone.now()
    queued = 0
    for outbound in channels():
        model = outbound.deliveries().model
        lost = (
            model.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now - GRACE)
            .filter(Q(leased_until__isnull=True) | Q(leased_until__lte=now))
            .order_by("next_attempt_at")
        )
        with transaction.atomic():
            ids = list(lost.select_for_update(skip_locked=True).values_list("pk", flat=True)[:BATCH])
            # Due "now" again, so the next sweeps leave it alone while its new task waits for a worker.
            model.objects.filter(pk__in=ids).update(next_attempt_at=now)
            for delivery_id in ids:
                transaction.on_commit(partial(enqueue, outbound.name, delivery_id), robust=True)
        queued += len(ids)
    return queued
