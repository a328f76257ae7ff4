"""A key tells what it is; keys and webhook secrets rotate with an overlap in which both work."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from lms.models import PortalAPIKey, PortalClient, Scope
from lms.services.portal_keys import rotate_key, rotate_webhook_secret
from lms.services.roles import SOCIETY_ADMINS
from lms.webhooks.delivery import event_body
from lms.webhooks.signing import signature_headers, verify
from tests.api.conftest import key_client
from tests.factories import UserFactory

HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def society_admin(client, db):
    user = UserFactory(username="coordinator")
    user.groups.add(Group.objects.get(name=SOCIETY_ADMINS))
    client.force_login(user)
    return client


def issue(scopes=(Scope.CATALOG_READ.value,)):
    portal = PortalClient.objects.create(name="Member portal", scopes=list(scopes))
    return PortalAPIKey.objects.create_key(name="production", client=portal)


def test_portal_answers_name_scopes_prefix_and_expiry(db):
    row, key = issue([Scope.MEMBERS_READ.value, Scope.CATALOG_READ.value])
    body = key_client(key).get("/api/v1/portal/").json()
    assert body["name"] == "Member portal"
    assert body["scopes"] == ["catalog:read", "members:read"]
    assert body["key"]["prefix"] == row.prefix and key.startswith(row.prefix + ".")
    assert body["key"]["expires_at"] is None


def test_portal_needs_a_portal_key(db, learner_a):
    from rest_framework.test import APIClient

    assert APIClient().get("/api/v1/portal/").status_code == 401
    _, key = issue(scopes=[])
    assert key_client(key).get("/api/v1/portal/").status_code == 200, "no scope needed to read oneself"


def test_a_rotated_key_works_until_its_expiry_and_the_new_one_after(db):
    row, old_key = issue()
    new_row, new_key = rotate_key(row, 2 * HOUR)
    old, new = key_client(old_key), key_client(new_key)
    assert old.get("/api/v1/catalog/").status_code == 200
    assert new.get("/api/v1/catalog/").status_code == 200
    expires = old.get("/api/v1/portal/").json()["key"]["expires_at"]
    assert datetime.datetime.fromisoformat(expires) > timezone.now() + HOUR
    PortalAPIKey.objects.filter(pk=row.pk).update(expiry_date=timezone.now() - datetime.timedelta(seconds=1))
    row.refresh_from_db()
    row.save()  # drops the key from the shared cache, as the admin's save would
    assert old.get("/api/v1/catalog/").status_code == 401
    assert new.get("/api/v1/catalog/").status_code == 200
    assert new_row.client_id == row.client_id


def test_the_admin_rotates_a_key_and_sees_the_new_one_once(society_admin):
    row, old_key = issue()
    response = society_admin.post(f"/admin/portal-keys/{row.prefix}/rotate/", {"overlap_hours": 24}, follow=True)
    shown = re.search(r'<code class="cme-shown-once">([A-Za-z0-9]+\.[A-Za-z0-9]+)</code>', response.content.decode())
    new_key = shown.group(1)
    assert key_client(new_key).get("/api/v1/catalog/").status_code == 200
    assert key_client(old_key).get("/api/v1/catalog/").status_code == 200
    row.refresh_from_db()
    assert timezone.now() + 23 * HOUR < row.expiry_date <= timezone.now() + 24 * HOUR
    refused = society_admin.post(f"/admin/portal-keys/{row.prefix}/rotate/", {"overlap_hours": 9999}, follow=True)
    assert PortalAPIKey.objects.count() == 2, refused.content[:200]


def test_during_a_secret_rotation_events_carry_both_signatures_then_only_the_new(db):
    portal = PortalClient.objects.create(
        name="Hooked", webhook_url="https://portal.example.org/h", webhook_secret="old"
    )
    now = timezone.now()
    portal = rotate_webhook_secret(portal, HOUR, now=now)
    body = b'{"id":"e1"}'
    during = signature_headers(portal.signing_secrets(now + HOUR / 2), body)
    assert during["X-CME-Signature"].count("v1=") == 2
    assert verify("old", body, during) and verify(portal.webhook_secret, body, during)
    after = signature_headers(portal.signing_secrets(now + 2 * HOUR), body)
    assert after["X-CME-Signature"].count("v1=") == 1
    assert verify(portal.webhook_secret, body, after) and not verify("old", body, after)


def test_the_admin_rotates_a_secret_and_sends_a_ping(society_admin):
    from lms.models import WebhookDelivery

    portal = PortalClient.objects.create(
        name="Hooked", webhook_url="https://portal.example.org/h", webhook_secret="old"
    )
    society_admin.post(f"/admin/portal-webhooks/{portal.pk}/rotate-secret/", {"overlap_hours": 1})
    portal.refresh_from_db()
    assert portal.previous_webhook_secret == "old" and portal.webhook_secret != "old"
    society_admin.post(f"/admin/portal-webhooks/{portal.pk}/ping/")
    delivery = WebhookDelivery.objects.get(client=portal)
    assert delivery.event.type == "ping"
    assert b'"type":"ping"' in event_body(delivery.event)
