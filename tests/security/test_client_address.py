"""The sign-in lockout and the anonymous API throttle count by the real client's address: the
peer's, or behind CME_TRUSTED_PROXY_COUNT proxies the one the outermost proxy saw. An
X-Forwarded-For the client writes itself never changes the count."""

import pytest
from django.core.checks import run_checks
from django.test import RequestFactory, override_settings
from rest_framework.test import APIClient

from lms.client_address import client_address
from tests.factories import UserFactory
from tests.lms.test_production_settings import PRODUCTION_ENV, manage

PROXY = "10.0.0.2"  # the society's reverse proxy, as the app sees it
ATTACKER = "203.0.113.7"
COLLEAGUE = "198.51.100.9"  # another physician behind the same proxy
VERIFY = "/api/v1/certificates/NOPE-NOPE-NOPE-NOPE/verify/"


def through_proxy(client_ip, spoofed=None):
    """The request's META after our one proxy appended the address it saw to the client's header."""
    header = f"{spoofed}, {client_ip}" if spoofed else client_ip
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": header}


def direct(forged):
    """A client reaching the app itself, writing its own X-Forwarded-For."""
    return {"REMOTE_ADDR": ATTACKER, "HTTP_X_FORWARDED_FOR": forged}


@pytest.mark.parametrize(
    ("proxies", "meta", "expected"),
    [
        (0, {"REMOTE_ADDR": ATTACKER}, ATTACKER),
        (0, direct("192.0.2.1"), ATTACKER),
        (1, through_proxy(ATTACKER), ATTACKER),
        (1, through_proxy(ATTACKER, spoofed="192.0.2.1"), ATTACKER),
        (1, through_proxy(ATTACKER, spoofed="192.0.2.1, 192.0.2.2"), ATTACKER),
        (2, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"192.0.2.1, {ATTACKER}, 10.0.0.1"}, ATTACKER),
        (2, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": ATTACKER}, PROXY),
        (1, {"REMOTE_ADDR": PROXY}, PROXY),
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "unknown"}, PROXY),
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"{ATTACKER}:51234"}, ATTACKER),
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "[2001:DB8:0::7]:51234"}, "2001:db8::7"),
    ],
    ids=[
        "direct",
        "direct, forged header ignored",
        "one proxy",
        "one proxy, spoofed left-most",
        "one proxy, two spoofed",
        "two proxies",
        "fewer hops than proxies: the peer",
        "no header: the peer",
        "garbage: the peer",
        "with a port",
        "IPv6 with a port, one spelling",
    ],
)
def test_the_client_is_the_nth_address_from_the_right(settings, proxies, meta, expected):
    settings.CME_TRUSTED_PROXY_COUNT = proxies
    assert client_address(RequestFactory().get("/", **meta)) == expected


# The sign-in lockout (django-axes: five failures lock username and address together)


def fail_five_times(client, username, meta_for_attempt):
    for attempt in range(5):
        client.post("/accounts/login/", {"username": username, "password": "guess"}, **meta_for_attempt(attempt))


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True)
def test_with_no_trusted_proxy_a_forged_header_does_not_escape_the_lockout(client):
    UserFactory(username="target")
    fail_five_times(client, "target", lambda attempt: direct(f"192.0.2.{attempt}"))
    locked = client.post(
        "/accounts/login/", {"username": "target", "password": "correct horse battery"}, **direct("192.0.2.99")
    )
    assert locked.status_code == 429


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True, CME_TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_lockout_is_per_client(client):
    UserFactory(username="target")
    fail_five_times(client, "target", lambda attempt: through_proxy(ATTACKER))
    locked = client.post(
        "/accounts/login/", {"username": "target", "password": "correct horse battery"}, **through_proxy(ATTACKER)
    )
    assert locked.status_code == 429
    colleague = client.post(
        "/accounts/login/", {"username": "target", "password": "correct horse battery"}, **through_proxy(COLLEAGUE)
    )
    assert colleague.status_code == 302, "the attacker's failures do not lock the owner out from their own address"


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True, CME_TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_a_spoofed_left_most_address_does_not_escape_the_lockout(client):
    UserFactory(username="target")
    fail_five_times(client, "target", lambda attempt: through_proxy(ATTACKER, spoofed=f"192.0.2.{attempt}"))
    locked = client.post(
        "/accounts/login/",
        {"username": "target", "password": "correct horse battery"},
        **through_proxy(ATTACKER, spoofed="192.0.2.99"),
    )
    assert locked.status_code == 429


# The anonymous API throttle


@pytest.fixture
def three_a_minute(settings):

    rates = {"portal": "3/min", "learner": "3/min", "anonymous": "3/min"}
    settings.LMS = {"API_THROTTLE_RATES": rates}


def statuses(metas):
    api = APIClient()
    return [api.get(VERIFY, **meta).status_code for meta in metas]


@pytest.mark.django_db
def test_with_no_trusted_proxy_a_forged_header_does_not_escape_the_throttle(three_a_minute):
    assert statuses(direct(f"192.0.2.{n}") for n in range(4)) == [404, 404, 404, 429]


@pytest.mark.django_db
@override_settings(CME_TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_throttle_is_per_client(three_a_minute):
    assert statuses(through_proxy(ATTACKER) for _ in range(4)) == [404, 404, 404, 429]
    assert statuses([through_proxy(COLLEAGUE)]) == [404], "a colleague behind the same proxy has their own budget"


@pytest.mark.django_db
@override_settings(CME_TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_a_spoofed_left_most_address_does_not_escape_the_throttle(three_a_minute):
    assert statuses(through_proxy(ATTACKER, spoofed=f"192.0.2.{n}") for n in range(4)) == [404, 404, 404, 429]


# The setting


@pytest.mark.parametrize("count", [-1, "1", 1.5, True])
def test_a_trusted_proxy_count_that_is_not_a_count_fails_the_checks(settings, count):
    settings.CME_TRUSTED_PROXY_COUNT = count
    assert "lms.E001" in {message.id for message in run_checks()}


def test_production_reads_the_trusted_proxy_count_from_the_environment():
    shell = "from django.conf import settings; print(settings.CME_TRUSTED_PROXY_COUNT)"
    result = manage("shell", "-c", shell, env={**PRODUCTION_ENV, "CME_TRUSTED_PROXY_COUNT": "2"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "2"
    assert manage("shell", "-c", shell, env=PRODUCTION_ENV).stdout.strip().splitlines()[-1] == "0"
    refused = manage("check", env={**PRODUCTION_ENV, "CME_TRUSTED_PROXY_COUNT": "two"})
    assert refused.returncode != 0
    assert "CME_TRUSTED_PROXY_COUNT is the number of reverse proxies in front of the app" in refused.stderr
