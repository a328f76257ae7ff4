"""With a shared cache, a portal key costs no query after its first request, and every change
to it or its portal (revocation, expiry, deactivation, scopes) counts from the next request."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lms.models import PortalAPIKey, PortalClient, Scope
from lms.models.portal import PortalAPIKeyManager
from tests.api.conftest import key_client, portal_key

URL = "/api/v1/members/A-1/progress/"


def queries_for(client, url, **headers):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    return response, len(captured)


def test_a_known_key_and_an_unchanged_progress_cost_no_query(portal, learner_a):
    first, _ = queries_for(portal, URL)  # learns which member the URL names
    queries_for(portal, URL)  # stores the answer
    again, queries = queries_for(portal, URL, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert queries == 0
    full, queries = queries_for(portal, URL)
    assert full.status_code == 200 and full.json() == first.json() and queries == 0


def test_without_a_shared_cache_every_request_reads_the_key(portal, learner_a, settings):
    settings.CME_SHARED_CACHE = False
    first, _ = queries_for(portal, URL)
    again, queries = queries_for(portal, URL, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and queries == 2, "the key, then the member with its version stamp"


def test_a_wrong_secret_with_a_known_prefix_is_refused(portal, learner_a):
    api_key = PortalAPIKey.objects.get(name="Full portal key")
    assert portal.get(URL).status_code == 200
    forged = key_client(f"{api_key.prefix}.{'x' * 32}")
    response = forged.get(URL)
    assert response.status_code == 401
    assert response.json()["detail"] == "This API key is unknown or has been revoked."


def test_a_key_that_expires_while_remembered_is_refused(db, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    client = key_client(portal_key("Short-lived", [Scope.CATALOG_READ.value]))
    api_key = PortalAPIKey.objects.get(name="Short-lived key")
    api_key.expiry_date = timezone.now() + datetime.timedelta(seconds=1)
    api_key.save()
    assert client.get("/api/v1/catalog/").status_code == 200
    time_machine.shift(datetime.timedelta(seconds=1.1))
    assert client.get("/api/v1/catalog/").json()["detail"] == "This API key has expired."


def test_a_portal_losing_a_scope_loses_it_at_once(db):
    client = key_client(portal_key("Narrowed", [Scope.CATALOG_READ.value, Scope.MEMBERS_READ.value]))
    assert client.get("/api/v1/members/").status_code == 200
    portal = PortalClient.objects.get(name="Narrowed")
    portal.scopes = [Scope.CATALOG_READ.value]
    portal.save()
    assert client.get("/api/v1/members/").status_code == 403


def test_a_revocation_committed_elsewhere_reaches_the_cache(db, django_capture_on_commit_callbacks):
    client = key_client(portal_key("Revoked on commit", [Scope.CATALOG_READ.value]))
    assert client.get("/api/v1/catalog/").status_code == 200
    api_key = PortalAPIKey.objects.get(name="Revoked on commit key")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        api_key.revoked = True
        api_key.save()
    assert callbacks, "the cached row is dropped again when the revocation commits"
    assert client.get("/api/v1/catalog/").status_code == 401


def test_a_row_read_before_a_revocation_is_not_kept_after_it(db, monkeypatch):
    key = portal_key("Racing", [Scope.CATALOG_READ.value])
    real = PortalAPIKeyManager.get_usable_keys

    class ReadBeforeTheRevocation:
        def __init__(self, manager):
            self.row = real(manager).get(name="Racing key")

        def get(self, **lookup):
            self.row.revoked = True
            self.row.save()  # the revocation commits while this request holds the row it read
            self.row.revoked = False
            return self.row

    monkeypatch.setattr(PortalAPIKeyManager, "get_usable_keys", lambda manager: ReadBeforeTheRevocation(manager))
    assert key_client(key).get("/api/v1/catalog/").status_code == 200
    monkeypatch.undo()
    assert key_client(key).get("/api/v1/catalog/").status_code == 401
