"""A portal's poll for unchanged progress is answered 304 before DRF (lms/api/stored_progress.py),
and only when the view would answer 304 too: every other case gets the view's own answer."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import ModulePage
from lms.api import stored_progress
from lms.api.views.members import MemberViewSet
from lms.models import PortalAPIKey, PortalClient, Scope
from lms.services.progress import complete_module
from tests.api.conftest import ALL_SCOPES, key_client, portal_key

URL = "/api/v1/members/A-1/progress/"


@pytest.fixture
def polled(learner_a):
    """A portal that has read A-1's progress (stored) and holds its ETag."""
    client = key_client(portal_key("Polling portal", ALL_SCOPES))
    client.get(URL)  # this process learns the member
    etag = client.get(URL)["ETag"]  # the answer is stored
    return client, etag


@pytest.fixture
def view_calls(monkeypatch):
    calls = []
    original = MemberViewSet.progress

    def counting(self, request, member_id=None):
        calls.append(member_id)
        return original(self, request, member_id=member_id)

    monkeypatch.setattr(MemberViewSet, "progress", counting)
    return calls


def test_an_unchanged_poll_is_answered_before_drf_with_no_query(polled, view_calls):
    client, etag = polled
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and response["ETag"] == etag
    assert response["Cache-Control"] == "private, no-cache"
    assert len(captured) == 0 and view_calls == []
    assert response["X-Content-Type-Options"] == "nosniff", "the security middleware still runs"


def test_the_early_304_carries_the_views_validators(polled, monkeypatch):
    client, etag = polled
    early = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    monkeypatch.setattr(stored_progress.StoredProgressMiddleware, "_unchanged", lambda self, request: None)
    from_view = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert from_view.status_code == early.status_code == 304
    for header in ("ETag", "Cache-Control"):
        assert early[header] == from_view[header]


def test_the_scope_is_the_views(db):
    assert MemberViewSet.scopes_by_action["progress"] == stored_progress.SCOPE


def test_a_changed_progress_or_another_etag_goes_to_the_view(polled, activity_with_post_test, learner_a, view_calls):
    client, etag = polled
    assert client.get(URL, HTTP_IF_NONE_MATCH='"another"').status_code == 200
    complete_module(learner_a, ModulePage.objects.child_of(activity_with_post_test).get(), activity_with_post_test)
    changed = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert len(view_calls) == 2


def revoke(client):
    PortalAPIKey.objects.filter(client=client).update(revoked=True)
    PortalAPIKey.objects.get(client=client).save()  # as the admin's revoke does: through the model


def expire(client):
    api_key = PortalAPIKey.objects.get(client=client)
    api_key.expiry_date = timezone.now() - datetime.timedelta(seconds=1)
    api_key.save()


def deactivate(client):
    client.is_active = False
    client.save()


def drop_progress_scope(client):
    client.scopes = [scope for scope in ALL_SCOPES if scope != Scope.PROGRESS_READ.value]
    client.save()


@pytest.mark.parametrize(
    "change, status, detail",
    [
        (revoke, 401, "This API key is unknown or has been revoked."),
        (expire, 401, "This API key has expired."),
        (deactivate, 401, "The portal Polling portal is deactivated."),
        (drop_progress_scope, 403, "This API key lacks the progress:read scope."),
    ],
)
def test_a_key_the_view_would_refuse_gets_the_views_refusal(polled, change, status, detail):
    client, etag = polled
    change(PortalClient.objects.get(name="Polling portal"))
    response = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == status
    assert response.json()["detail"] == detail


def test_each_request_counts_once_against_the_budget_on_either_path(learner_a, activity_with_post_test, settings):

    settings.LMS = {"API_THROTTLE_RATES": {"portal": "4/min", "learner": "4/min", "anonymous": "4/min"}}
    client = key_client(portal_key("Metered portal", ALL_SCOPES))
    client.get(URL)  # 1: learns the member
    etag = client.get(URL)["ETag"]  # 2: stores the answer
    assert client.get(URL, HTTP_IF_NONE_MATCH=etag).status_code == 304  # 3: answered early
    complete_module(learner_a, ModulePage.objects.child_of(activity_with_post_test).get(), activity_with_post_test)
    changed = client.get(URL, HTTP_IF_NONE_MATCH=etag)  # 4: early path declined, the view answered
    assert changed.status_code == 200
    throttled = client.get(URL, HTTP_IF_NONE_MATCH=changed["ETag"])  # 5: unchanged since 4, but over the budget
    assert throttled.status_code == 429 and int(throttled["Retry-After"]) > 0
