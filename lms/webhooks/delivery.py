"""Send one delivery: claim it under a lease, POST the signed event, record what happened.

The lease is what keeps "at least once" safe across crashes: a worker that dies mid-delivery
leaves a pending row whose lease runs out, and the sweeper queues it again. Receivers
deduplicate on the event id, which every attempt repeats.
"""

import json
import time
from datetime import datetime, timedelta

import requests
import urllib3
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from lms.models import DeliveryStatus, WebhookDelivery, WebhookEvent

from .destination import UnsafeDestination, pinned_session, resolve
from .retry import next_attempt_at
from .scopes import may_receive, required_scope
from .signing import signature_headers

TIMEOUT = 10  # seconds per connect and per read; also the most spent reading a failed reply's body
# Far above TIMEOUT, so a lease only runs out when its worker has stopped, not while it waits.
LEASE = timedelta(minutes=5)
EVENT_ID_HEADER = "X-CME-Event-Id"
EVENT_TYPE_HEADER = "X-CME-Event-Type"
USER_AGENT = "wagtail-cme-webhooks/1"
MAX_ERROR_LENGTH = 500
MAX_REPLY_BYTES = 4096


def event_body(event: WebhookEvent) -> bytes:
    """The JSON body, built only from stored fields so that every attempt sends the same bytes."""
    document = {"id": str(event.id), "type": event.type, "created_at": event.created_at, "data": event.payload}
    return json.dumps(document, cls=DjangoJSONEncoder, separators=(",", ":")).encode()


def claimable(now: datetime) -> Q:
    return Q(status=DeliveryStatus.PENDING, next_attempt_at__lte=now) & (
        Q(leased_until__isnull=True) | Q(leased_until__lte=now)
    )


def claim(delivery_id: int, now: datetime) -> WebhookDelivery | None:
    """Take the lease on a due delivery, or None if it is not due, finished, or held by another worker."""
    with transaction.atomic():
        # SKIP LOCKED: a second worker passes over a row that another is claiming instead of
        # waiting for it. SQLite has no row locks and ignores this; its single writer serializes claims.
        delivery = (
            WebhookDelivery.objects.select_for_update(skip_locked=True).filter(claimable(now), pk=delivery_id).first()
        )
        if delivery is None:
            return None
        delivery.attempts += 1
        delivery.last_attempt_at = now
        delivery.leased_until = now + LEASE
        delivery.save(update_fields=["attempts", "last_attempt_at", "leased_until"])
    return delivery


def _reply_start(response: requests.Response) -> str:
    """At most MAX_REPLY_BYTES of the reply body, read within TIMEOUT seconds, as text.

    The receiver decides how much it sends and how slowly: reading it all could fill the worker's
    memory or hold the worker for hours, so reading stops at the cap or the deadline, whichever
    comes first, and the connection is closed with the rest unread.
    """
    deadline = time.monotonic() + TIMEOUT
    received = b""
    try:
        while len(received) < MAX_REPLY_BYTES and time.monotonic() < deadline:
            chunk = response.raw.read1(MAX_REPLY_BYTES - len(received), decode_content=False)
            if not chunk:
                break
            received += chunk
    except (urllib3.exceptions.HTTPError, OSError):
        pass  # the status already says the attempt failed; whatever arrived still explains it
    return received.decode("utf-8", errors="replace")


def _failure(response: requests.Response) -> str:
    status = f"HTTP {response.status_code} {response.reason}"
    if 300 <= response.status_code < 400:
        return (
            f"{status}: redirects are not followed (Location: {response.headers.get('Location', 'none')}); "
            "set the webhook URL to the final address."
        )
    excerpt = " ".join(_reply_start(response).split())
    return f"{status}: {excerpt}" if excerpt else status


def post(delivery: WebhookDelivery) -> tuple[int | None, str]:
    """POST the event to the portal: (HTTP status or None, error text or "")."""
    client, event = delivery.client, delivery.event
    if not client.is_active:
        return None, f"Portal client {client} is inactive."
    if not client.webhook_url:
        return None, f"Portal client {client} has no webhook URL."
    if not client.webhook_secret:
        return None, f"Portal client {client} has no webhook secret; events are never sent unsigned."
    if not may_receive(client, event.type):
        scope = required_scope(event.type)
        return None, f"Portal client {client} no longer holds the {scope} scope {event.type} needs."
    try:
        destination = resolve(client.webhook_url)
    except UnsafeDestination as refusal:
        return None, f"Refused: {refusal}"
    except (OSError, UnicodeError) as error:
        return None, f"DNS: the webhook URL's host could not be resolved ({error})."
    body = event_body(event)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        # The reply is read only to explain a failure; compressed, it would read as noise.
        "Accept-Encoding": "identity",
        EVENT_ID_HEADER: str(event.id),
        EVENT_TYPE_HEADER: event.type,
        **signature_headers(client.webhook_secret, body),
    }
    try:
        # No redirects: following a 301/302 turns the POST into a GET without the body, and would
        # lead to an address nobody checked. A redirect is a failed attempt saying so.
        # stream=True: only the status line and headers are read here; the body only by _failure.
        with (
            pinned_session(destination) as session,
            session.post(
                client.webhook_url, data=body, headers=headers, timeout=TIMEOUT, allow_redirects=False, stream=True
            ) as response,
        ):
            if 200 <= response.status_code < 300:
                return response.status_code, ""
            return response.status_code, _failure(response)
    except requests.RequestException as error:
        # Refused connections, timeouts, TLS failures, malformed URLs.
        return None, f"{type(error).__name__}: {error}"


def record(delivery: WebhookDelivery, now: datetime, status_code: int | None, error: str) -> WebhookDelivery | None:
    """Store the outcome of the attempt; None if this worker no longer held the lease."""
    changes = {"leased_until": None, "last_status_code": status_code, "last_error": error[:MAX_ERROR_LENGTH]}
    if status_code is not None and 200 <= status_code < 300:
        changes.update(status=DeliveryStatus.DELIVERED, delivered_at=now, next_attempt_at=None, last_error="")
    else:
        retry_at = next_attempt_at(delivery.attempts, now, delivery.give_up_at)
        if retry_at is None:
            changes.update(status=DeliveryStatus.FAILED, next_attempt_at=None)
        else:
            changes["next_attempt_at"] = retry_at
    # Only the lease holder writes: if this worker overran its lease and another took over,
    # the other's result stands and a delivered row is never turned back into a pending one.
    held = WebhookDelivery.objects.filter(
        pk=delivery.pk, status=DeliveryStatus.PENDING, leased_until=delivery.leased_until
    ).update(**changes)
    if not held:
        return None
    for field, value in changes.items():
        setattr(delivery, field, value)
    return delivery


def deliver(delivery_id: int, now: datetime | None = None) -> WebhookDelivery | None:
    """Make one attempt if the delivery is due; the updated delivery, or None if nothing was done."""
    now = now or timezone.now()
    delivery = claim(delivery_id, now)
    if delivery is None:
        return None
    status_code, error = post(delivery)
    return record(delivery, now, status_code, error)
