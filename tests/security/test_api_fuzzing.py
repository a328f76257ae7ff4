"""Schemathesis against our own OpenAPI document, every operation, with valid credentials.

The schema is fetched in-process from /api/v1/schema/ through the WSGI application; each
operation is one pytest item that seeds its own data (`fuzz_world`, rolled back afterwards) and
sends MAX_EXAMPLES generated requests (positive and negative data): a portal key holding every
scope, or for /me/ the session of a learner with a member profile, an enrollment and an open
attempt. Half of the generated path parameters are swapped for ids that exist, so the fuzzer
reaches the rules and serializers and not only 404s.

Checks: no 5xx, and each response conforms to the schema: its status code is documented for the
operation, with that content type and body shape; errors are the Problem component
(application/problem+json). Two answers come from outside the API and are checked against the
problem shape directly: a method the operation lacks (405), and a path the URL patterns refuse
(Django's plain 404, never reaching a view).
"""

import json
import time
from urllib.parse import unquote, urlsplit

import hypothesis.strategies as st
import jsonschema
import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.db import transaction
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, settings
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

MAX_EXAMPLES = 130  # x 21 operations: well over 2,000 requests
MIN_TOTAL_REQUESTS = 2000
SCHEMA_PATH = "/api/v1/schema/?format=json"
ERROR_CODES = {400, 401, 403, 404, 405, 409, 413, 415, 422, 429}
PROBLEM = {
    "type": "object",
    "required": ["type", "title", "status", "detail", "errors"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["field", "message"],
                "properties": {"field": {"type": ["string", "null"]}, "message": {"type": "string"}},
            },
        },
    },
}

pytestmark = pytest.mark.django_db

APP = get_wsgi_application()
# The schema view needs no database (drf-spectacular fakes the querysets), so it loads at collection.
schema = schemathesis.openapi.from_wsgi(SCHEMA_PATH, APP)
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE])

SEEDED = {}  # path parameter name -> an id that exists, filled by the fixture of the running test
STATS = {"requests": 0, "operations": set(), "by_status": {}, "started": None}


@schema.hook
def before_generate_path_parameters(context, strategy):
    """Swap half the generated path parameters for seeded ids (known only once the test runs)."""

    def swap(drawn):
        params, use_seeded = drawn
        if not use_seeded or not isinstance(params, dict):
            return params
        return {name: SEEDED.get(name, value) for name, value in params.items()}

    return st.tuples(strategy, st.booleans()).map(swap)


@pytest.fixture
def fuzz_app(fuzz_world, wsgi_keeps_the_test_connection):
    """The WSGI app as the fuzzer calls it, with the seeded ids for the path parameters."""
    SEEDED.clear()
    SEEDED.update(fuzz_world["ids"])
    return fuzz_world


def credentials(case, world):
    if case.path.startswith("/api/v1/me/"):
        return {
            "headers": {"X-CSRFToken": world["csrf"]},
            "cookies": {"sessionid": world["session"], "csrftoken": world["csrf"]},
        }
    return {"headers": {"Authorization": f"Api-Key {world['key']}"}, "cookies": {}}


def reaches_the_api(response):
    """Whether the request URL resolves to one of our API views (a path parameter that fails the
    route's pattern, e.g. /catalog/null/, never reaches the API: Django answers its plain 404)."""
    path = unquote(urlsplit(response.request.url).path)
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return "api" in match.namespaces


def check_error_response(response, case):
    """A 4xx the schema does not list: it must still be the API's documented problem JSON."""
    if response.status_code == 404 and not reaches_the_api(response):
        return
    assert response.headers.get("content-type", [""])[0].startswith("application/problem+json"), (
        f"{case.method} {case.formatted_path} -> {response.status_code} with content type "
        f"{response.headers.get('content-type')}: {response.text[:300]}"
    )
    body = json.loads(response.text)
    jsonschema.validate(body, PROBLEM)
    assert body["status"] == response.status_code


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_operation(case, fuzz_app):
    from schemathesis.checks import not_a_server_error

    if STATS["started"] is None:
        STATS["started"] = time.monotonic()
    auth = credentials(case, {**fuzz_app, "csrf": "a" * 32})
    headers = {**(case.headers or {}), **auth["headers"]}
    response = case.call(headers=headers, cookies=auth["cookies"])
    STATS["requests"] += 1
    STATS["operations"].add(f"{case.operation.method.upper()} {case.path}")
    STATS["by_status"][response.status_code] = STATS["by_status"].get(response.status_code, 0) + 1

    case.validate_response(response, checks=[not_a_server_error], headers=headers)
    if case.method.upper() != case.operation.method.upper():
        # The coverage phase also tries methods the operation lacks: 405 problem JSON, or DRF's
        # OPTIONS metadata and HEAD for a GET.
        if response.status_code == 200 and case.method.upper() in ("OPTIONS", "HEAD"):
            return
        assert response.status_code in ERROR_CODES, f"{case.method} {case.formatted_path} -> {response.status_code}"
        check_error_response(response, case)
        return
    if response.status_code == 404 and not reaches_the_api(response):
        return
    case.validate_response(
        response,
        checks=[status_code_conformance, content_type_conformance, response_schema_conformance],
        headers=headers,
    )
    if response.status_code >= 400:
        assert json.loads(response.text)["status"] == response.status_code


def test_fuzzing_sent_enough_requests():
    """Runs after the operations above (same module, file order): every operation reached, and at least
    MIN_TOTAL_REQUESTS in all."""
    operations = {f"{op.method.upper()} {op.path}" for op in (r.ok() for r in schema.get_all_operations())}
    elapsed = time.monotonic() - STATS["started"] if STATS["started"] else 0.0
    print(
        f"\nschemathesis: {STATS['requests']} requests over {len(STATS['operations'])} operations "
        f"in {elapsed:.1f}s; statuses {dict(sorted(STATS['by_status'].items()))}"
    )
    if not STATS["operations"]:
        pytest.skip("the fuzzing tests were deselected")
    assert STATS["operations"] == operations
    assert STATS["requests"] >= MIN_TOTAL_REQUESTS


def test_schema_documents_error_responses():
    """Every operation documents its errors as problem JSON, so portals can code against them."""
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for result in schema.get_all_operations():
        operation = result.ok()
        raw = operation.definition.raw
        errors = {code: response for code, response in raw["responses"].items() if code.startswith(("4", "5"))}
        expected = {"429", "503"} if raw["security"] == [{}] else {"401", "403", "429", "503"}
        assert expected <= set(errors), f"{operation.method.upper()} {operation.path}: {sorted(errors)}"
        for code, response in errors.items():
            assert response["content"] == problem, f"{operation.method.upper()} {operation.path} {code}"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/catalog/{big}/",
        "/api/v1/me/courses/{big}/enrol/",
    ],
)
def test_out_of_range_ids_are_not_found(path, fuzz_world):
    from django.test import Client

    client = Client(raise_request_exception=True)
    client.cookies["sessionid"] = fuzz_world["session"]
    headers = {} if "/me/" in path else {"HTTP_AUTHORIZATION": f"Api-Key {fuzz_world['key']}"}
    method = client.post if "/me/" in path else client.get
    response = method(path.format(big=2**64), **headers)
    assert response.status_code == 404


def test_stateful_sequences_follow_the_documented_links(fuzz_app):
    """Schemathesis's state machine chains operations through the document's OpenAPI links (a member
    written then read, its progress and transcript; an attempt started, read, submitted, read again),
    with the same checks as above on every step."""
    from schemathesis.checks import not_a_server_error

    world = {**fuzz_app, "csrf": "a" * 32}
    reached = {}

    class Sequences(schema.as_state_machine()):
        # Each sequence starts from the seeded world: what one sequence writes is rolled back before
        # the next, so Hypothesis replaying a sequence meets the answers it drew from the first time.
        def setup(self):
            self.savepoint = transaction.savepoint()

        def teardown(self):
            transaction.savepoint_rollback(self.savepoint)

        def get_call_kwargs(self, case):
            return credentials(case, world)

        def after_call(self, response, case):
            key = f"{case.method.upper()} {case.path}"
            reached.setdefault(key, set()).add(response.status_code)

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(
                response,
                checks=[not_a_server_error, status_code_conformance, content_type_conformance],
                headers=kwargs.get("headers"),
            )

    linked_targets = {"GET /api/v1/members/{member_id}/", "GET /api/v1/me/attempts/{attempt_id}/"}

    def every_link_followed():
        return all(200 in reached.get(target, set()) for target in linked_targets)

    # Which sequences the generator draws depends on the schema's shape; a second, longer round
    # makes the coverage check independent of one draw, while every response is still checked.
    for examples in (60, 200):
        Sequences.run(
            settings=settings(
                max_examples=examples,
                stateful_step_count=6,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
        )
        if every_link_followed():
            break
    assert every_link_followed(), reached
