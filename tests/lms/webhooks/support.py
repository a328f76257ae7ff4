"""What the webhook tests share: a real HTTP receiver, and helpers to emit events, run queued
deliveries and move a delivery's clock."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

from django.db.models import F

from lms.models import PortalClient, Scope, WebhookDelivery
from lms.outbox import sending
from lms.outbox.tasks import send_delivery
from lms.webhooks.delivery import CHANNEL
from lms.webhooks.outbox import emit

SECRET = "portal-secret"
ALL_SCOPES = [scope.value for scope in Scope]
PAYLOAD = {"member_id": "M000001", "course": "records", "completed_at": "2026-01-05T10:00:00Z"}


class Receiver:
    """A portal's webhook endpoint on 127.0.0.1: answers 500 to the first `failures` requests, then 200."""

    def __init__(self):
        self.failures = 0
        self.requests = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append({"headers": dict(self.headers.items()), "body": body})
                status = 500 if len(receiver.requests) <= receiver.failures else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/cme"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    @property
    def event_ids(self):
        return [request["headers"]["X-CME-Event-Id"] for request in self.requests]


def queued(tasks):
    """(delivery id, run_after) of every webhook delivery task queued so far."""
    return [
        (result.args[1], result.task.run_after)
        for result in tasks.results
        if result.task.func == send_delivery.func and result.args[0] == CHANNEL
    ]


def deliver(delivery_id, now=None):
    """One attempt at a webhook delivery, as the outbox's task makes it."""
    return sending.deliver(CHANNEL, delivery_id, now)


def claim(delivery_id, now):
    return sending.claim(sending.channel(CHANNEL), delivery_id, now)


def run_queued(tasks):
    """Run the queued tasks once, as db_worker would when they are due; returns what each returned."""
    results, tasks.results[:] = list(tasks.results), []
    return [result.task.call(*result.args, **result.kwargs) for result in results]


def let_time_pass(delivery, by):
    """Move the delivery's stored times into the past: as if the clock had moved on by `by`."""
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        **{
            field: F(field) - by
            for field in ("next_attempt_at", "give_up_at", "leased_until", "last_attempt_at", "delivered_at")
        }
    )


def portal(name, url, secret=SECRET, scopes=ALL_SCOPES, **fields):
    """A portal holding every scope unless told otherwise, so it hears every event type."""
    return PortalClient.objects.create(name=name, webhook_url=url, webhook_secret=secret, scopes=scopes, **fields)


def emit_committed(capture, event_type="completion.created", payload=PAYLOAD):
    with capture(execute=True):
        return emit(event_type, payload)


# Signing


# The outbox
