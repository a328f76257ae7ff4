"""The background task that sends a delivery, and queueing it on the backend TASKS names."""

from datetime import datetime

from django_tasks import task

from lms.models import DeliveryStatus

from .delivery import deliver


@task()
def deliver_webhook(delivery_id: int) -> str:
    delivery = deliver(delivery_id)
    if delivery is None:
        # Not due yet, held by another worker, or already finished: a duplicate task is harmless.
        return "skipped"
    if delivery.status == DeliveryStatus.PENDING:
        enqueue_delivery(delivery.pk, run_after=delivery.next_attempt_at)
    return delivery.status


def enqueue_delivery(delivery_id: int, run_after: datetime | None = None) -> None:
    if run_after is None:
        deliver_webhook.enqueue(delivery_id)
    elif deliver_webhook.get_backend().supports_defer:
        deliver_webhook.using(run_after=run_after).enqueue(delivery_id)
    # A backend that cannot defer (the immediate one) would retry at once; there the sweeper
    # (`manage.py deliver_webhooks --loop`) queues the retry when it is due instead.
