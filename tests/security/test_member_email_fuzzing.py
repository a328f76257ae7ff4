"""Schemathesis against PUT /members/{member_id}/ with a key holding only `members:write`: whatever
it sends, no account's e-mail changes without the rule's consent.

The path parameter is, four times in five, the member id of an account that signs in with a
password, one with staff rights but no password, one with superuser rights or one without a
password; the body's e-mail is, half the time, an address one of them has, in capitals or not.
Before and after each request every account's e-mail is read: an address may change only on an
account without a password and without staff rights, answered 200, and each member's copy must
equal its account's.
The run is made with verified e-mail changes off (the default) and on.
"""

import hypothesis.strategies as st
import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from lms.models import Member, PortalAPIKey, PortalClient
from tests.factories import MemberFactory

MAX_EXAMPLES = 120
SCHEMA_PATH = "/api/v1/schema/?format=json"
OPERATION = "/api/v1/members/{member_id}/"

pytestmark = pytest.mark.django_db

schema = schemathesis.openapi.from_wsgi(SCHEMA_PATH, get_wsgi_application()).include(method="PUT", path=OPERATION)
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE])

ACCOUNTS = {
    # member id: (username, e-mail, account fields)
    "FZ-PASSWORD": ("fz-password", "password@example.org", {}),
    "FZ-STAFF": ("fz-staff", "staff@example.org", {"is_staff": True, "password": None}),
    "FZ-SUPERUSER": ("fz-superuser", "superuser@example.org", {"is_superuser": True, "is_staff": True}),
    "FZ-PORTAL": ("fz-portal", "portal@example.org", {"password": None}),
}
MEMBER_IDS = sorted(ACCOUNTS)
ADDRESSES = [email for _, email, _ in ACCOUNTS.values()]
SENT = {"requests": 0, "email_changes": 0}


@schema.hook
def before_generate_path_parameters(context, strategy):
    def choose(drawn):
        params, pick = drawn
        if pick < len(MEMBER_IDS) and isinstance(params, dict):
            return {**params, "member_id": MEMBER_IDS[pick]}
        return params

    return st.tuples(strategy, st.integers(0, len(MEMBER_IDS))).map(choose)


@schema.hook
def before_generate_body(context, strategy):
    def choose(drawn):
        body, pick, upper = drawn
        if pick < len(ADDRESSES) and isinstance(body, dict):
            address = ADDRESSES[pick]
            return {**body, "email": address.upper() if upper else address}
        return body

    return st.tuples(strategy, st.integers(0, 2 * len(ADDRESSES) - 1), st.booleans()).map(choose)


@pytest.fixture(params=[False, True], ids=["verified-changes-off", "verified-changes-on"])
def email_world(request, db, unthrottled, wsgi_keeps_the_test_connection, settings):
    settings.LMS = {"VERIFIED_EMAIL_CHANGES": request.param}
    for member_id, (username, email, account) in ACCOUNTS.items():
        MemberFactory(
            member_id=member_id,
            user__username=username,
            user__email=email,
            **{f"user__{name}": value for name, value in account.items()},
        )
    client = PortalClient.objects.create(name="Member writer", scopes=["members:write"])
    _, key = PortalAPIKey.objects.create_key(name="Member writer key", client=client)
    return key


def accounts():
    """user id -> (e-mail, can sign in with a password, has staff rights)."""
    return {
        user.pk: (user.email, user.has_usable_password(), user.is_staff or user.is_superuser)
        for user in get_user_model().objects.all()
    }


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_account_email_changes_without_the_rules_consent(case, email_world):
    headers = {**(case.headers or {}), "Authorization": f"Api-Key {email_world}"}
    before = accounts()
    response = case.call(headers=headers)
    SENT["requests"] += 1

    case.validate_response(response, checks=[not_a_server_error], headers=headers)
    if case.method.upper() == "PUT":
        case.validate_response(
            response,
            checks=[status_code_conformance, content_type_conformance, response_schema_conformance],
            headers=headers,
        )
    after = accounts()
    for user_id, (email, usable_password, staff) in before.items():
        if after[user_id][0] != email:
            SENT["email_changes"] += 1
            assert not usable_password and not staff, (case.formatted_path, case.body, email, after[user_id][0])
            assert response.status_code == 200
    for member in Member.objects.select_related("user"):
        assert member.email == member.user.email, member.member_id


def test_the_run_changed_addresses_where_the_rule_allows():
    """Runs after the operation above (same module, file order): the fuzzer reached the rule's both sides."""
    if not SENT["requests"]:
        pytest.skip("the fuzzing test was deselected")
    assert SENT["requests"] >= MAX_EXAMPLES
    assert SENT["email_changes"] > 0, "no request changed an address, so the run proved nothing"
