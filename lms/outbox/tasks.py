"""The background task that sends a delivery, and queueing it on the backend TASKS names."""

from datetime import datetime
from functools import partial

from django.db import transaction
from django_tasks import task

from lms.models import DeliveryStatus

from .sending import deliver_with_batch


@task()
def send_delivery(channel_name: str, delivery_id: int) -> str:
    attempted = deliver_with_batch(channel_name, delivery_id)
    # Every delivery of a failed batch is queued again for its own retry; when the first of them
    # runs it takes the others along, and their tasks then find nothing left to do.
    for delivery in attempted:
        if delivery.status == DeliveryStatus.PENDING:
            enqueue(channel_name, delivery.pk, run_after=delivery.next_attempt_at)
    for delivery in attempted:
        if delivery.pk == delivery_id:
            return delivery.status
    # Not due yet, held by another worker, or already finished: a duplicate task is harmless.
    return "skipped"


def enqueue(channel_name: str, delivery_id: int, run_after: datetime | None = None) -> None:
    if run_after is None:
        send_delivery.enqueue(channel_name, delivery_id)
    elif send_delivery.get_backend().supports_defer:
        send_delivery.using(run_after=run_after).enqueue(channel_name, delivery_id)
    # A backend that cannot defer (the immediate one) would retry at once; there the sweeper
    # (`manage.py deliver_outbox --loop`) queues the retry when it is due instead.


def enqueue_after_commit(channel_name: str, delivery_id: int) -> None:
    # robust: one failed enqueue must not stop the others; the sweeper queues it later anyway.
    transaction.on_commit(partial(enqueue, channel_name, delivery_id), robust=True)
