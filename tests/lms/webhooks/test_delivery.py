"""Webhooks: the transactional outbox, delivery with retries and crash recovery."""

import json
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from lms.models import DeliveryStatus, WebhookDelivery, WebhookEvent
from lms.outbox import sending
from lms.outbox.retry import BASE_DELAY, DELIVERY_WINDOW, MAX_DELAY
from lms.outbox.sending import LEASE, record
from lms.outbox.sweep import GRACE, requeue_due_deliveries
from lms.outbox.tasks import send_delivery
from lms.webhooks.outbox import emit
from lms.webhooks.signing import verify
from tests.support.threads import Threads

from .support import CHANNEL, PAYLOAD, claim, deliver, emit_committed, let_time_pass, portal, queued, run_queued


@pytest.mark.django_db
def test_emit_refuses_an_unknown_event_type():
    with pytest.raises(ValueError, match="Unknown webhook event type 'course.deleted'"):
        emit("course.deleted", {})
    assert not WebhookEvent.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
class TestOutboxFollowsTheTransaction:
    def test_nothing_is_recorded_or_sent_when_the_transaction_rolls_back(self, receiver, tasks):
        portal("Portal", receiver.url)
        with pytest.raises(RuntimeError), transaction.atomic():
            emit("completion.created", PAYLOAD)
            raise RuntimeError("the service failed after emitting")
        assert not WebhookEvent.objects.exists()
        assert not WebhookDelivery.objects.exists()
        assert queued(tasks) == []
        assert receiver.requests == []

    def test_after_commit_one_delivery_per_active_portal_with_a_url(self, receiver, tasks):
        first, second = portal("First", receiver.url), portal("Second", receiver.url + "/second")
        portal("Inactive", receiver.url, is_active=False)
        portal("No URL", "")
        with transaction.atomic():
            event = emit("credit.claimed", {"amount": "0.75"})
            assert queued(tasks) == [], "nothing is queued before the commit"
        deliveries = WebhookDelivery.objects.filter(event=event)
        assert {delivery.client for delivery in deliveries} == {first, second}
        assert all(delivery.status == DeliveryStatus.PENDING for delivery in deliveries)
        assert sorted(queued(tasks)) == sorted((delivery.pk, None) for delivery in deliveries)
        assert all(d.give_up_at == event.created_at + DELIVERY_WINDOW for d in deliveries)


# Delivery


@pytest.mark.django_db
def test_retries_with_the_same_event_id_until_delivered_then_never_again(
    receiver, tasks, django_capture_on_commit_callbacks
):
    receiver.failures = 3
    client = portal("Portal", receiver.url)
    event = emit_committed(django_capture_on_commit_callbacks, "certificate.issued", {"code": "ABCD-EFGH"})
    delivery = WebhookDelivery.objects.get(event=event, client=client)

    outcomes = []
    while queued(tasks):
        [(delivery_id, run_after)] = queued(tasks)
        if run_after is not None:
            row = WebhookDelivery.objects.get(pk=delivery_id)
            assert run_after == row.next_attempt_at
            ceiling = min(MAX_DELAY, BASE_DELAY * 2 ** (row.attempts - 1))
            assert timedelta(0) <= run_after - row.last_attempt_at <= timedelta(seconds=ceiling)
            let_time_pass(row, run_after - row.last_attempt_at)
        outcomes += run_queued(tasks)

    assert outcomes == ["pending", "pending", "pending", "delivered"]
    assert receiver.event_ids == [str(event.id)] * 4
    for request in receiver.requests:
        assert verify(client.webhook_secret, request["body"], request["headers"])
        assert request["headers"]["X-CME-Event-Type"] == "certificate.issued"
        assert request["headers"]["Content-Type"] == "application/json"
        document = json.loads(request["body"])
        assert document["id"] == str(event.id)
        assert document["type"] == "certificate.issued"
        assert document["data"] == {"code": "ABCD-EFGH"}
    assert len({request["body"] for request in receiver.requests}) == 1, "every attempt sends the same body"

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert (delivery.attempts, delivery.last_status_code, delivery.last_error) == (4, 200, "")
    assert delivery.delivered_at is not None and delivery.next_attempt_at is None

    later = timezone.now() + timedelta(days=2)
    assert deliver(delivery.pk, now=later) is None
    assert send_delivery.call(CHANNEL, delivery.pk) == "skipped"
    assert requeue_due_deliveries(now=later) == 0
    assert len(receiver.requests) == 4


@pytest.mark.django_db
def test_failed_attempts_record_the_status_code_and_error(receiver, django_capture_on_commit_callbacks):
    receiver.failures = 1
    portal("Portal", receiver.url)
    event = emit_committed(django_capture_on_commit_callbacks)
    delivery = deliver(event.deliveries.get().pk)
    assert (delivery.status, delivery.last_status_code) == (DeliveryStatus.PENDING, 500)
    assert delivery.last_error.startswith("HTTP 500")
    assert delivery.leased_until is None


@pytest.mark.django_db
def test_a_refused_connection_is_a_failed_attempt(django_capture_on_commit_callbacks):
    unused = HTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    url = f"http://127.0.0.1:{unused.server_address[1]}/"
    unused.server_close()
    portal("Down", url)
    event = emit_committed(django_capture_on_commit_callbacks)
    delivery = deliver(event.deliveries.get().pk)
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.last_status_code is None
    assert delivery.last_error.startswith("ConnectionError")


@pytest.mark.django_db
def test_a_portal_without_a_secret_is_never_sent_an_unsigned_event(receiver, django_capture_on_commit_callbacks):
    portal("Unsigned", receiver.url, secret="")
    event = emit_committed(django_capture_on_commit_callbacks)
    delivery = deliver(event.deliveries.get().pk)
    assert receiver.requests == []
    assert delivery.status == DeliveryStatus.PENDING
    assert "no webhook secret" in delivery.last_error


@pytest.mark.django_db
def test_gives_up_24_hours_after_the_event(receiver, tasks, django_capture_on_commit_callbacks):
    receiver.failures = 1000
    portal("Portal", receiver.url)
    event = emit_committed(django_capture_on_commit_callbacks, "member.updated", {"member_id": "M1"})
    delivery = event.deliveries.get()
    start = event.created_at

    delivery = deliver(delivery.pk, now=start)
    assert delivery.status == DeliveryStatus.PENDING

    almost = start + DELIVERY_WINDOW - timedelta(seconds=10)
    delivery = deliver(delivery.pk, now=almost)
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.next_attempt_at <= delivery.give_up_at, "the last retry is at the deadline, not after it"

    delivery = deliver(delivery.pk, now=delivery.give_up_at)
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.next_attempt_at is None
    assert (delivery.attempts, delivery.last_status_code) == (3, 500)

    sent = len(receiver.requests)
    assert deliver(delivery.pk, now=start + timedelta(days=3)) is None
    assert requeue_due_deliveries(now=start + timedelta(days=3)) == 0
    assert len(receiver.requests) == sent == 3


# Crash safety


@pytest.mark.django_db
def test_nothing_is_lost_when_the_worker_stops_mid_delivery(
    receiver, tasks, monkeypatch, django_capture_on_commit_callbacks
):
    client = portal("Portal", receiver.url)
    event = emit_committed(django_capture_on_commit_callbacks)
    delivery = event.deliveries.get()

    class WorkerKilled(BaseException):
        pass

    def killed(*args, **kwargs):
        raise WorkerKilled

    # The receiver gets the request, then the worker dies before it records the result.
    monkeypatch.setattr(sending, "record", killed)
    with pytest.raises(WorkerKilled):
        run_queued(tasks)
    monkeypatch.undo()
    assert receiver.event_ids == [str(event.id)]
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PENDING and delivery.leased_until is not None

    # While the lease lasts nobody else sends, and the sweeper leaves it alone.
    assert deliver(delivery.pk) is None
    assert requeue_due_deliveries() == 0
    assert queued(tasks) == []

    let_time_pass(delivery, LEASE + GRACE)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("deliver_outbox", stdout=StringIO())
    assert queued(tasks) == [(delivery.pk, None)]
    assert run_queued(tasks) == ["delivered"]

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.DELIVERED, 2)
    assert receiver.event_ids == [str(event.id)] * 2
    assert all(verify(client.webhook_secret, r["body"], r["headers"]) for r in receiver.requests)


@pytest.mark.django_db
def test_a_lost_task_is_queued_again_once_it_is_overdue(receiver, tasks, django_capture_on_commit_callbacks):
    portal("Portal", receiver.url)
    event = emit_committed(django_capture_on_commit_callbacks)
    delivery = event.deliveries.get()
    tasks.clear()  # the process died between the commit and the enqueue

    with django_capture_on_commit_callbacks(execute=True):
        assert requeue_due_deliveries() == 0, "a delivery just due still has its task waiting"
        let_time_pass(delivery, GRACE)
        assert requeue_due_deliveries() == 1
        assert requeue_due_deliveries() == 0, "queued once, not on every sweep"
    assert run_queued(tasks) == ["delivered"]
    assert receiver.event_ids == [str(event.id)]


@pytest.mark.django_db
def test_a_worker_that_overran_its_lease_does_not_undo_a_delivery(receiver, django_capture_on_commit_callbacks):
    portal("Portal", receiver.url)
    event = emit_committed(django_capture_on_commit_callbacks)
    start = event.created_at
    slow = claim(event.deliveries.get().pk, now=start)

    assert claim(slow.pk, now=start + timedelta(seconds=30)) is None, "two workers never hold it at once"
    taken_over = deliver(slow.pk, now=start + LEASE + timedelta(seconds=1))
    assert taken_over.status == DeliveryStatus.DELIVERED

    assert record(slow, start + LEASE + timedelta(seconds=2), None, "TimeoutError: timed out") is None
    assert WebhookDelivery.objects.get(pk=slow.pk).status == DeliveryStatus.DELIVERED


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_skips_a_delivery_another_worker_is_claiming(receiver, tasks):
    portal("Portal", receiver.url)
    with transaction.atomic():
        event = emit("completion.created", PAYLOAD)
    delivery = event.deliveries.get()
    locked, release = threading.Event(), threading.Event()

    def other_worker():
        with transaction.atomic():
            WebhookDelivery.objects.select_for_update().get(pk=delivery.pk)
            locked.set()
            release.wait(5)

    other = Threads([other_worker], timeout=10).start()
    assert locked.wait(5)
    started = time.monotonic()
    assert claim(delivery.pk, timezone.now()) is None
    assert time.monotonic() - started < 1, "skipped, not waited for"
    release.set()
    assert other.join().errors == []
    assert claim(delivery.pk, timezone.now()) is not None


# The admin log and redelivery
