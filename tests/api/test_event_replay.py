"""GET /events/: a receiver that was down reads what it missed, as its webhooks would have sent it."""

import datetime

from django.utils import timezone

from lms.models import PortalClient, Scope, WebhookDelivery, WebhookEvent
from lms.webhooks.outbox import emit, send_ping
from tests.api.conftest import key_client, portal_key


def test_a_receiver_back_from_an_outage_replays_its_events_in_order(db):
    key = portal_key("Progress portal", [Scope.PROGRESS_READ.value])
    PortalClient.objects.filter(name="Progress portal").update(webhook_url="https://portal.example.org/h")
    before = emit("completion.created", {"completion_id": 1})
    WebhookEvent.objects.filter(pk=before.pk).update(created_at=timezone.now() - datetime.timedelta(hours=2))
    outage_started = timezone.now() - datetime.timedelta(hours=1)
    missed = [emit("credit.claimed", {"completion_id": n}) for n in range(3)]
    emit("member.updated", {"member_id": "M-1"})  # not this portal's scope
    deliveries = WebhookDelivery.objects.filter(client__name="Progress portal", event__in=missed)
    assert deliveries.count() == 3, "the same events its webhook was sent"
    portal = key_client(key)
    first = portal.get("/api/v1/events/", {"since": outage_started.isoformat(), "page_size": 2}).json()
    second = portal.get("/api/v1/events/", {"cursor": first["next_cursor"], "page_size": 2}).json()
    replayed = first["results"] + second["results"]
    assert [event["id"] for event in replayed] == [str(event.id) for event in missed]
    assert replayed[0] == {
        "id": str(missed[0].id),
        "type": "credit.claimed",
        "created_at": replayed[0]["created_at"],
        "data": {"completion_id": 0},
    }
    caught_up = portal.get("/api/v1/events/", {"cursor": second["next_cursor"]}).json()
    assert caught_up["results"] == [] and caught_up["next_cursor"] == second["next_cursor"]


def test_pings_are_replayed_only_to_their_portal(db):
    mine = key_client(portal_key("Mine", []))
    theirs = key_client(portal_key("Theirs", []))
    client = PortalClient.objects.get(name="Mine")
    client.webhook_url = "https://portal.example.org/h"
    client.save()
    ping = send_ping(client)
    assert [e["id"] for e in mine.get("/api/v1/events/").json()["results"]] == [str(ping.id)]
    assert theirs.get("/api/v1/events/").json()["results"] == []


def test_since_is_iso_8601_only(db):
    portal = key_client(portal_key("P", []))
    assert portal.get("/api/v1/events/", {"since": "10/02/2026"}).status_code == 400
    assert portal.get("/api/v1/events/", {"cursor": "nope"}).status_code == 400
