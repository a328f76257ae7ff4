"""Every API operation x every kind of caller, built from the URL conf; every webhook event type x
every set of portal scopes, built from the event types.

A new endpoint or event type appears here automatically; the test then fails until its rule is
listed in RULES or WEBHOOK_RULES, so nobody can add one without deciding who may see it.
"""

import re
from decimal import Decimal
from itertools import combinations

import pytest
from django.db import transaction
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.settings import patched_settings

from courses.models import CreditType, ModulePage
from lms.api.schema import DOCUMENTED_URLCONF, SCHEMA_SETTINGS
from lms.models import EventType, PortalClient, Scope, WebhookDelivery
from lms.services.credit import claim_credit
from lms.services.evaluation import submit_evaluation
from lms.services.progress import complete_module
from lms.webhooks.outbox import emit, send_ping
from quizzes.models import QuizRole
from quizzes.services.attempts import start_attempt, submit_attempt
from tests.lms.conftest import evaluation_answers

PORTAL = {"portal_with_scope"}
OWN = {"learner_a"}
ANY_LEARNER = {"learner_a", "learner_b"}
EVERYONE = {
    "anonymous",
    "learner_a",
    "learner_b",
    "portal_with_scope",
    "portal_without_scope",
    "revoked_key",
    "society_admin",
}

RULES = {
    ("GET", "/api/v1/catalog/"): PORTAL,
    ("GET", "/api/v1/catalog/{id}/"): PORTAL,
    ("GET", "/api/v1/members/"): PORTAL,
    ("GET", "/api/v1/members/{member_id}/"): PORTAL,
    ("PUT", "/api/v1/members/{member_id}/"): PORTAL,
    ("POST", "/api/v1/member-batches/"): PORTAL,
    ("GET", "/api/v1/members/{member_id}/progress/"): PORTAL,
    ("GET", "/api/v1/members/{member_id}/transcript/"): PORTAL,
    ("GET", "/api/v1/completions/feed/"): PORTAL,
    # Any key may read itself and replay the events it is sent (the events themselves follow scopes).
    ("GET", "/api/v1/portal/"): PORTAL | {"portal_without_scope"},
    ("GET", "/api/v1/events/"): PORTAL | {"portal_without_scope"},
    ("GET", "/api/v1/certificates/{code}/verify/"): EVERYONE,
    ("GET", "/api/v1/certificates/{code}/pdf/"): PORTAL,
    ("GET", "/api/v1/certificates/{code}/credential/"): EVERYONE,
    ("GET", "/api/v1/me/progress/"): ANY_LEARNER,
    ("POST", "/api/v1/me/courses/{course_id}/enrol/"): ANY_LEARNER,
    ("POST", "/api/v1/me/courses/{course_id}/evaluation/"): ANY_LEARNER,
    ("POST", "/api/v1/me/courses/{course_id}/claims/"): ANY_LEARNER,
    ("POST", "/api/v1/me/modules/{module_id}/complete/"): ANY_LEARNER,
    ("POST", "/api/v1/me/quizzes/{quiz_id}/attempts/"): ANY_LEARNER,
    ("GET", "/api/v1/me/attempts/{attempt_id}/"): OWN,
    ("POST", "/api/v1/me/attempts/{attempt_id}/submit/"): OWN,
}


def operations():
    with patched_settings(SCHEMA_SETTINGS):
        schema = SchemaGenerator(urlconf=DOCUMENTED_URLCONF).get_schema(request=None, public=True)
    return sorted(
        (method.upper(), path) for path, item in schema["paths"].items() for method in item if method != "parameters"
    )


OPERATIONS = operations()


def test_every_operation_has_a_rule():
    assert set(OPERATIONS) == set(RULES), "add the new operation to RULES with who may call it"


@pytest.fixture
def world(activity_with_post_test, learner_a, actors):
    """A's records: a submitted attempt, a completion and a certificate, for the path parameters."""
    for module in ModulePage.objects.child_of(activity_with_post_test):
        complete_module(learner_a, module, activity_with_post_test)
    quiz = activity_with_post_test.quizzes.get(role=QuizRole.POST_TEST)
    attempt = start_attempt(quiz, learner_a.user)
    submit_attempt(attempt.pk, learner_a.user, {n: q["correct"] for n, q in enumerate(attempt.presented, 1)})
    submit_evaluation(learner_a, activity_with_post_test, evaluation_answers(activity_with_post_test))
    certificate = claim_credit(
        learner_a,
        activity_with_post_test,
        45,
        {CreditType.objects.get(code="ama-pra-category-1"): Decimal("0.75")},
        True,
    )
    return {
        "id": activity_with_post_test.pk,
        "course_id": activity_with_post_test.pk,
        "member_id": learner_a.member_id,
        "code": certificate.code,
        "module_id": ModulePage.objects.child_of(activity_with_post_test).first().pk,
        "quiz_id": quiz.pk,
        "attempt_id": attempt.pk,
    }


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_only_the_allowed_callers_get_through(world, actors, method, path):
    url = re.sub(r"\{(\w+)\}", lambda match: str(world[match.group(1)]), path)
    allowed = set()
    for name, client in actors.items():
        response = getattr(client, method.lower())(url, {} if method != "GET" else None, format="json")
        assert response.status_code < 500, (name, response.status_code)
        if response.status_code not in (401, 403, 404):
            allowed.add(name)
        else:
            body = response.json()
            assert set(body) == {"type", "title", "status", "detail", "errors"}, body
            assert body["status"] == response.status_code
    assert allowed == RULES[(method, path)]


def test_portal_without_the_scope_is_told_which_scope(actors, world):
    response = actors["portal_without_scope"].get("/api/v1/completions/feed/")
    assert response.status_code == 403
    assert response.json()["detail"] == "This API key lacks the progress:read scope."


def test_a_revoked_key_is_refused_at_once(db):
    from lms.models import PortalAPIKey
    from tests.api.conftest import ALL_SCOPES, key_client, portal_key

    key = portal_key("Soon revoked", ALL_SCOPES)
    client = key_client(key)
    assert client.get("/api/v1/catalog/").status_code == 200
    api_key = PortalAPIKey.objects.get(name="Soon revoked key")
    api_key.revoked = True
    api_key.save()
    response = client.get("/api/v1/catalog/")
    assert response.status_code == 401
    assert response.json()["detail"] == "This API key is unknown or has been revoked."


def test_deactivated_portal_is_refused(db):
    from lms.models import PortalClient
    from tests.api.conftest import ALL_SCOPES, key_client, portal_key

    client = key_client(portal_key("Paused", ALL_SCOPES))
    PortalClient.objects.filter(name="Paused").update(is_active=False)
    assert client.get("/api/v1/catalog/").status_code == 401


# Webhooks: the scope a portal needs to be sent each event type (docs/webhooks.md).
WEBHOOK_RULES = {
    "completion.created": Scope.PROGRESS_READ,
    "credit.claimed": Scope.PROGRESS_READ,
    "certificate.issued": Scope.CERTIFICATES_READ,
    "certificate.revoked": Scope.CERTIFICATES_READ,
    "certificate.superseded": Scope.CERTIFICATES_READ,
    "member.updated": Scope.MEMBERS_READ,
    # Never broadcast: sent by an admin to one portal, whatever its scopes.
    "ping": None,
}
SCOPE_SETS = [frozenset(chosen) for size in range(len(Scope) + 1) for chosen in combinations(Scope.values, size)]


def test_every_event_type_has_a_scope_rule():
    assert set(EventType.values) == set(WEBHOOK_RULES), "add the new event type to WEBHOOK_RULES with its scope"


@pytest.mark.django_db
@pytest.mark.parametrize("event_type", EventType.values)
def test_each_event_reaches_exactly_the_portals_whose_scopes_allow_it(event_type):
    portals = {
        scopes: PortalClient.objects.create(
            name=" ".join(sorted(scopes)) or "no scopes",
            scopes=sorted(scopes),
            webhook_url="https://portal.example.org/hook",
            webhook_secret="s3cret",
        )
        for scopes in SCOPE_SETS
    }
    if WEBHOOK_RULES[event_type] is None:
        with pytest.raises(ValueError):
            emit(event_type, {"member_id": "A-1"})
        chosen = portals[frozenset()]
        event = send_ping(chosen)
        assert set(WebhookDelivery.objects.filter(event=event).values_list("client", flat=True)) == {chosen.pk}
        return
    with transaction.atomic():
        event = emit(event_type, {"member_id": "A-1"})
    delivered = set(WebhookDelivery.objects.filter(event=event).values_list("client", flat=True))
    allowed = {portal.pk for scopes, portal in portals.items() if WEBHOOK_RULES[event_type] in scopes}
    assert delivered == allowed
    assert len(allowed) == len(SCOPE_SETS) // 2, "half the scope sets hold any one scope"
