"""The transactional outbox: events are written with the records they describe, sent after commit.

Services call `emit` inside their own transaction. If that transaction rolls back, the event and
its deliveries vanish with it and nothing is queued; if it commits, one task per delivery is queued.
"""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from lms.models import DeliveryStatus, EventType, PortalClient, WebhookDelivery, WebhookEvent
from lms.outbox.retry import DELIVERY_WINDOW
from lms.outbox.tasks import enqueue_after_commit

from .delivery import CHANNEL
from .scopes import may_receive, required_scope

REDELIVER_ACTION = "cme_lms.webhook_redeliver"
BATCH = 500
# Fields that stay with the society: why a certificate or credit was revoked is an internal
# record, not something a portal (or its members) is told.
PRIVATE_FIELDS = frozenset({"reason"})


def _private_fields(value) -> set[str]:
    if isinstance(value, dict):
        return (PRIVATE_FIELDS & set(value)).union(*(_private_fields(item) for item in value.values()))
    if isinstance(value, list):
        return set().union(*(_private_fields(item) for item in value))
    return set()


def _check(event_type: str, payload) -> None:
    if event_type not in EventType.values:
        raise ValueError(f"Unknown webhook event type {event_type!r}; expected one of {', '.join(EventType.values)}.")
    required_scope(event_type)  # a type nobody decided the audience of is refused before anything is written
    if not isinstance(payload, dict):
        raise TypeError(f"A webhook payload is a dict (the JSON object sent as `data`), not {type(payload).__name__}.")
    if private := _private_fields(payload):
        raise ValueError(f"A webhook payload never carries {', '.join(sorted(private))}: it stays with the society.")


def _listeners(event_type: str) -> list[PortalClient]:
    # Scopes are a JSON list, which SQLite cannot search: portals are few, so filter here.
    return [
        client
        for client in PortalClient.objects.filter(is_active=True).exclude(webhook_url="")
        if may_receive(client, event_type)
    ]


def emit(event_type: str, payload: dict) -> WebhookEvent:
    """Record an event and one pending delivery per active portal with a webhook URL and the
    scope the event type needs (lms/webhooks/scopes.py)."""
    return emit_many(event_type, [payload])[0]


def emit_many(event_type: str, payloads: list[dict]) -> list[WebhookEvent]:
    """`emit` for many events of one type: a few queries however many (a member import, a sync)."""
    for payload in payloads:
        _check(event_type, payload)
    if not payloads:
        return []
    with transaction.atomic():
        events = WebhookEvent.objects.bulk_create(
            [WebhookEvent(type=event_type, payload=payload) for payload in payloads], batch_size=BATCH
        )
        clients = _listeners(event_type)
        deliveries = WebhookDelivery.objects.bulk_create(
            (
                WebhookDelivery(
                    event=event,
                    client=client,
                    next_attempt_at=event.created_at,
                    give_up_at=event.created_at + DELIVERY_WINDOW,
                )
                for event in events
                for client in clients
            ),
            batch_size=BATCH,
        )
        for delivery in deliveries:
            enqueue_after_commit(CHANNEL, delivery.pk)
    return events


def redeliver(delivery: WebhookDelivery, by=None) -> WebhookDelivery:
    """Send a delivery again from now, with a fresh 24-hour window; the event id stays the same."""
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().select_related("event", "client").get(pk=delivery.pk)
        previous = {"status": delivery.status, "attempts": delivery.attempts}
        now = timezone.now()
        delivery.status = DeliveryStatus.PENDING
        delivery.attempts = 0
        delivery.next_attempt_at = now
        delivery.give_up_at = now + DELIVERY_WINDOW
        delivery.delivered_at = None
        # The lease is kept: if an attempt is in flight right now, its result is recorded as usual
        # and the queued task then finds nothing left to do.
        delivery.save(update_fields=["status", "attempts", "next_attempt_at", "give_up_at", "delivered_at"])
        log(instance=delivery, action=REDELIVER_ACTION, user=by, data={"event_id": str(delivery.event_id), **previous})
        enqueue_after_commit(CHANNEL, delivery.pk)
    return delivery


PING_ACTION = "cme_lms.webhook_ping"


def send_ping(client: PortalClient, by=None) -> WebhookEvent:
    """A test event to one portal, signed and retried like any other, so its receiver can be checked."""
    if not client.webhook_url:
        raise ValueError(f"Portal client {client} has no webhook URL to ping.")
    with transaction.atomic():
        event = WebhookEvent.objects.create(
            type=EventType.PING, payload={"portal": client.name, "message": "A test event sent from the admin."}
        )
        delivery = WebhookDelivery.objects.create(
            event=event, client=client, next_attempt_at=event.created_at, give_up_at=event.created_at + DELIVERY_WINDOW
        )
        log(instance=client, action=PING_ACTION, user=by, data={"event_id": str(event.id)})
        enqueue_after_commit(CHANNEL, delivery.pk)
    return event
