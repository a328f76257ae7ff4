"""The webhook channel of the outbox: POST one signed event to one portal.

Receivers deduplicate on the event id, which every attempt repeats.
"""

import json
import time

import requests
import urllib3
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from lms.models import WebhookDelivery, WebhookEvent
from lms.outbox.channels import Channel, register

from .destination import UnsafeDestination, pinned_session, resolve
from .scopes import may_receive, required_scope
from .signing import signature_headers

CHANNEL = "webhook"
TIMEOUT = 10  # seconds per connect and per read; also the most spent reading a failed reply's body
EVENT_ID_HEADER = "X-CME-Event-Id"
EVENT_TYPE_HEADER = "X-CME-Event-Type"
USER_AGENT = "wagtail-cme-webhooks/1"
MAX_REPLY_BYTES = 4096


def event_body(event: WebhookEvent) -> bytes:
    """The JSON body, built only from stored fields so that every attempt sends the same bytes."""
    document = {"id": str(event.id), "type": event.type, "created_at": event.created_at, "data": event.payload}
    return json.dumps(document, cls=DjangoJSONEncoder, separators=(",", ":")).encode()


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
        **signature_headers(client.signing_secrets(timezone.now()), body),
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


register(
    Channel(
        name=CHANNEL,
        deliveries=lambda: WebhookDelivery.objects.select_related("event", "client"),
        send=post,
    )
)
