"""Portal clients and keys in the admin: a key or generated secret is shown once, after a redirect;
revoking asks first; no URL carries a key or its hash; statuses are tags, secrets masked."""

import re

import pytest
from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from lms.admin.shown_once import SESSION_KEY
from lms.models import PortalAPIKey, PortalClient, WebhookEvent
from lms.services.roles import EDITORS, SOCIETY_ADMINS
from tests.factories import UserFactory

SHOWN = re.compile(r'<code class="cme-shown-once">([^<]+)</code>')
KEYS = "/admin/portal-keys/"


@pytest.fixture
def society_admin(client, db):
    user = UserFactory(username="coordinator")
    user.groups.add(Group.objects.get(name=SOCIETY_ADMINS))
    client.force_login(user)
    return client


@pytest.fixture
def portal(db):
    return PortalClient.objects.create(name="Member portal", scopes=["catalog:read"])


def api(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    return client


def urls_in(html):
    return re.findall(r'(?:href|action)="([^"]*)"', html)


def test_a_new_key_is_shown_once_after_a_redirect_and_stored_hashed(society_admin, portal):
    response = society_admin.post(KEYS, {"client": portal.pk, "name": "production"})
    assert response.status_code == 302 and response["Location"] == KEYS
    page = society_admin.get(KEYS)
    assert "no-store" in page["Cache-Control"]
    (key,) = SHOWN.findall(page.content.decode())
    stored = PortalAPIKey.objects.get(client=portal)
    assert key.startswith(stored.prefix + ".") and key not in stored.hashed_key
    assert SESSION_KEY not in society_admin.session, "kept only until shown"
    again = society_admin.get(KEYS).content.decode()
    assert key not in again and not SHOWN.findall(again)
    assert PortalAPIKey.objects.count() == 1, "a refresh issues nothing"
    assert api(key).get("/api/v1/catalog/").status_code == 200


def test_an_invalid_issue_form_shows_its_errors_and_issues_nothing(society_admin, portal):
    response = society_admin.post(KEYS, {"client": portal.pk, "name": ""})
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    assert not PortalAPIKey.objects.exists()


def test_revoking_asks_first_and_happens_only_on_post(society_admin, portal):
    row, key = PortalAPIKey.objects.create_key(name="production", client=portal)
    page = society_admin.get(KEYS).content.decode()
    confirm_url = f"/admin/portal-keys/{row.prefix}/revoke/"
    assert confirm_url in urls_in(page)
    confirm = society_admin.get(confirm_url)
    assert "Revoking cannot be undone" in confirm.content.decode()
    row.refresh_from_db()
    assert not row.revoked and api(key).get("/api/v1/catalog/").status_code == 200

    response = society_admin.post(confirm_url)
    assert response.status_code == 302 and response["Location"] == KEYS
    row.refresh_from_db()
    assert row.revoked
    assert api(key).get("/api/v1/catalog/").status_code == 401
    assert "already revoked" in society_admin.get(confirm_url).content.decode()


def test_no_url_names_a_key_or_its_hash(society_admin, portal):
    row, key = PortalAPIKey.objects.create_key(name="production", client=portal)
    society_admin.post(f"/admin/portal-keys/{row.prefix}/rotate/", {"overlap_hours": 1})
    page = society_admin.get(KEYS).content.decode()
    for stored in PortalAPIKey.objects.all():
        assert not [url for url in urls_in(page) if stored.hashed_key in url or stored.pk in url]
    assert not [url for url in urls_in(page) if key in url]
    assert society_admin.get(f"/admin/portal-keys/{row.pk}/revoke/").status_code == 404


def test_key_statuses_are_tags(society_admin, portal):
    PortalAPIKey.objects.create_key(name="in use", client=portal)
    revoked, _ = PortalAPIKey.objects.create_key(name="old", client=portal)
    revoked.revoked = True
    revoked.save()
    page = society_admin.get(KEYS).content.decode()
    assert re.search(r'<span class="w-status w-status--primary"\s*>\s*Active\s*</span>', page)
    assert re.search(r'<span class="w-status"\s*>\s*Revoked\s*</span>', page)


def test_portal_clients_list_their_status_as_tags(society_admin, portal):
    PortalClient.objects.create(name="Old portal", is_active=False)
    page = society_admin.get("/admin/portal_clients/").content.decode()
    assert re.search(r'w-status w-status--primary"\s*>\s*Active\s*<', page)
    assert re.search(r'class="w-status"\s*>\s*Inactive\s*<', page)
    assert ">True<" not in page and ">False<" not in page


def test_a_generated_webhook_secret_is_shown_once_then_masked(society_admin):
    data = {"name": "Hooked", "scopes": ["catalog:read"], "is_active": "on"}
    data.update(webhook_url="https://portal.example.org/h", webhook_secret="", generate_secret="on")
    response = society_admin.post("/admin/portal_clients/new/", data)
    portal = PortalClient.objects.get(name="Hooked")
    edit_url = f"/admin/portal_clients/edit/{portal.pk}/"
    assert response.status_code == 302 and response["Location"] == edit_url
    page = society_admin.get(edit_url)
    assert "no-store" in page["Cache-Control"]
    (secret,) = SHOWN.findall(page.content.decode())
    assert secret == portal.webhook_secret and len(secret) >= 40

    again = society_admin.get(edit_url).content.decode()
    assert secret not in again, "masked once shown: the field is never filled in"
    assert f"ending …{secret[-4:]}" in again
    assert secret not in society_admin.get(KEYS).content.decode()

    # Saving with the field blank keeps the secret; a typed one replaces it.
    data.update(generate_secret="")
    assert society_admin.post(edit_url, data).status_code == 302
    portal.refresh_from_db()
    assert portal.webhook_secret == secret
    society_admin.post(edit_url, {**data, "webhook_secret": "typed-by-the-portal-team"})
    portal.refresh_from_db()
    assert portal.webhook_secret == "typed-by-the-portal-team"


def test_a_rotated_webhook_secret_is_shown_once_on_the_keys_page(society_admin):
    portal = PortalClient.objects.create(name="Hooked", webhook_url="https://portal.example.org/h", webhook_secret="o")
    response = society_admin.post(f"/admin/portal-webhooks/{portal.pk}/rotate-secret/", {"overlap_hours": 1})
    assert response.status_code == 302
    portal.refresh_from_db()
    assert SHOWN.findall(society_admin.get(KEYS).content.decode()) == [portal.webhook_secret]
    assert portal.webhook_secret not in society_admin.get(KEYS).content.decode()


def test_editors_cannot_manage_keys(client, db):
    user = UserFactory(username="editor")
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    response = client.get(KEYS)
    assert response.status_code in (302, 403)
    assert "Issue a key" not in response.content.decode()


def test_editors_are_refused_every_key_and_webhook_action(client, portal):
    row, _key = PortalAPIKey.objects.create_key(name="production", client=portal)
    portal.webhook_url, portal.webhook_secret = "https://portal.example.org/hooks", "s" * 32
    portal.save()
    user = UserFactory(username="editor")
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    attempts = [
        ("post", KEYS, {"client": portal.pk, "name": "stolen"}),
        ("get", f"/admin/portal-keys/{row.prefix}/revoke/", {}),
        ("post", f"/admin/portal-keys/{row.prefix}/revoke/", {}),
        ("post", f"/admin/portal-keys/{row.prefix}/rotate/", {"overlap_hours": 1}),
        ("post", f"/admin/portal-webhooks/{portal.pk}/rotate-secret/", {"overlap_hours": 1}),
        ("post", f"/admin/portal-webhooks/{portal.pk}/ping/", {}),
        # Refused before the key is looked up: the answer does not tell which prefixes exist.
        ("get", "/admin/portal-keys/nosuchkey/revoke/", {}),
    ]
    for method, url, data in attempts:
        response = getattr(client, method)(url, data)
        assert (response.status_code, response["Location"]) == (302, "/admin/"), (method, url)
    row.refresh_from_db()
    portal.refresh_from_db()
    assert PortalAPIKey.objects.count() == 1 and not row.revoked and row.expiry_date is None
    assert portal.webhook_secret == "s" * 32 and not portal.previous_secret_expires_at
    assert not WebhookEvent.objects.exists()
