"""Portal keys: each scope opens exactly its operations; expired keys are refused; last use is
recorded. Throttles for portals and anonymous callers answer 429 with Retry-After; list pages
never exceed their cap."""

import datetime
import re

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from lms.api.pagination import MAX_PAGE_SIZE
from lms.models import PortalAPIKey, Scope
from tests.api.conftest import key_client, portal_key
from tests.api.test_authorization_matrix import RULES, world  # noqa: F401
from tests.factories import MemberFactory

SCOPE_OF = {
    ("GET", "/api/v1/catalog/"): Scope.CATALOG_READ,
    ("GET", "/api/v1/catalog/{id}/"): Scope.CATALOG_READ,
    ("GET", "/api/v1/members/"): Scope.MEMBERS_READ,
    ("GET", "/api/v1/members/{member_id}/"): Scope.MEMBERS_READ,
    ("PUT", "/api/v1/members/{member_id}/"): Scope.MEMBERS_WRITE,
    ("POST", "/api/v1/member-batches/"): Scope.MEMBERS_WRITE,
    ("GET", "/api/v1/members/{member_id}/progress/"): Scope.PROGRESS_READ,
    ("GET", "/api/v1/members/{member_id}/transcript/"): Scope.PROGRESS_READ,
    ("GET", "/api/v1/completions/feed/"): Scope.PROGRESS_READ,
    ("GET", "/api/v1/certificates/{code}/pdf/"): Scope.CERTIFICATES_READ,
}
PORTAL_OPERATIONS = sorted(operation for operation, callers in RULES.items() if callers == {"portal_with_scope"})
# The member's own address: its account signs in with a password, so a new one would be refused.
MEMBER_BODY = {"email": "learner-a@example.org", "first_name": "New", "last_name": "Member", "degree": "MD"}
BATCH_MEMBER = {**MEMBER_BODY, "member_id": "NEW-1", "email": "new-1@example.org"}


def test_every_portal_operation_names_its_scope():
    assert set(SCOPE_OF) == set(PORTAL_OPERATIONS)


@pytest.mark.parametrize("scope", list(Scope))
def test_a_key_with_one_scope_reaches_exactly_that_scopes_operations(world, scope):  # noqa: F811
    client = key_client(portal_key(f"Only {scope.value}", [scope.value]))
    for method, path in PORTAL_OPERATIONS:
        url = re.sub(r"\{(\w+)\}", lambda match: str(world[match.group(1)]), path)
        if method == "PUT":
            response = client.put(url, MEMBER_BODY, format="json")
        elif method == "POST":
            response = client.post(url, {"members": [BATCH_MEMBER]}, format="json")
        else:
            response = client.get(url)
        if SCOPE_OF[(method, path)] == scope:
            assert response.status_code in (200, 201), (scope, method, path, response.content[:200])
        else:
            assert response.status_code == 403, (scope, method, path, response.status_code)
            assert response.json()["detail"] == f"This API key lacks the {SCOPE_OF[(method, path)].value} scope."


def test_an_expired_key_is_refused(db):
    key = portal_key("Expiring", [Scope.CATALOG_READ.value])
    client = key_client(key)
    assert client.get("/api/v1/catalog/").status_code == 200
    api_key = PortalAPIKey.objects.get(name="Expiring key")
    api_key.expiry_date = timezone.now() - datetime.timedelta(seconds=1)
    api_key.save()
    response = client.get("/api/v1/catalog/")
    assert response.status_code == 401
    assert response.json()["detail"] == "This API key has expired."


def test_a_keys_last_use_is_recorded_at_most_once_a_minute(db):
    client = key_client(portal_key("Watched", [Scope.CATALOG_READ.value]))
    api_key = PortalAPIKey.objects.get(name="Watched key")
    assert api_key.last_used_at is None
    client.get("/api/v1/catalog/")
    api_key.refresh_from_db()
    first = api_key.last_used_at
    assert first is not None and timezone.now() - first < datetime.timedelta(seconds=10)
    client.get("/api/v1/catalog/")
    api_key.refresh_from_db()
    assert api_key.last_used_at == first, "no write per request"
    api_key.last_used_at = first - datetime.timedelta(minutes=2)
    api_key.save()
    client.get("/api/v1/catalog/")
    api_key.refresh_from_db()
    assert api_key.last_used_at > first


@pytest.fixture
def low_rates(settings):
    from django.core.cache import cache

    settings.LMS = {"API_THROTTLE_RATES": {"portal": "3/min", "learner": "3/min", "anonymous": "3/min"}}
    cache.clear()
    yield
    cache.clear()


def assert_throttled_after_three(client, url):
    codes = [client.get(url).status_code for _ in range(3)]
    response = client.get(url)
    assert codes == [codes[0]] * 3 and codes[0] != 429
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["status"] == 429 and response["Content-Type"] == "application/problem+json"


def test_a_portal_key_is_throttled_with_retry_after(db, low_rates):
    client = key_client(portal_key("Busy portal", [Scope.CATALOG_READ.value]))
    assert_throttled_after_three(client, "/api/v1/catalog/")
    other = key_client(portal_key("Calm portal", [Scope.CATALOG_READ.value]))
    assert other.get("/api/v1/catalog/").status_code == 200, "the budget is per key"


def test_anonymous_callers_are_throttled_with_retry_after(db, low_rates):
    assert_throttled_after_three(APIClient(), "/api/v1/certificates/NOPE-NOPE-NOPE-NOPE/verify/")


def test_list_pages_never_exceed_the_cap(portal, db):
    MemberFactory.create_batch(MAX_PAGE_SIZE + 5)
    assert portal.get("/api/v1/members/", {"page_size": 100000}).status_code == 400
    body = portal.get("/api/v1/members/", {"page_size": MAX_PAGE_SIZE}).json()
    assert len(body["results"]) == MAX_PAGE_SIZE
    assert len(portal.get("/api/v1/members/", {"cursor": body["next_cursor"]}).json()["results"]) == 5
