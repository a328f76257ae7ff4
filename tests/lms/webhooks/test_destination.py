"""Webhook URLs reach public internet addresses only: an inside address is refused when the
URL is saved (form, admin, model) and by the deploy check of the loopback allowance."""

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ValidationError
from django.urls import reverse

from lms.models import PortalClient

from .support import SECRET

INSIDE = [
    ("https://127.0.0.1/hook", "127.0.0.1 is a loopback address"),
    ("https://127.3.2.1/hook", "127.3.2.1 is a loopback address"),
    ("https://[::1]/hook", "::1 is a loopback address"),
    ("https://[::ffff:127.0.0.1]/hook", "::ffff:127.0.0.1 is a loopback address"),
    ("https://localhost/hook", "localhost names this machine"),
    ("https://hooks.localhost/hook", "hooks.localhost names this machine"),
    ("https://10.1.2.3/hook", "10.1.2.3 is a private address"),
    ("https://172.16.0.9/hook", "172.16.0.9 is a private address"),
    ("https://192.168.1.20:8443/hook", "192.168.1.20 is a private address"),
    ("https://[fd12:3456::1]/hook", "fd12:3456::1 is a private address"),
    ("https://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
    ("https://[fe80::1]/hook", "fe80::1 is a link-local address"),
    ("https://100.64.0.1/hook", "100.64.0.1 is a carrier-grade NAT address"),
    ("https://0.0.0.0/hook", "0.0.0.0 is the unspecified address"),
    ("https://224.0.0.1/hook", "224.0.0.1 is a multicast address"),
    ("https://[ff02::1]/hook", "ff02::1 is a multicast address"),
    ("https://240.0.0.1/hook", "240.0.0.1 is a reserved address"),
    ("https://[64:ff9b::a00:1]/hook", "64:ff9b::a00:1 is a private address"),
    ("https://metadata.google.internal/computeMetadata/v1/", "metadata.google.internal is a local network name"),
    ("https://printer.local/hook", "printer.local is a local network name"),
]


# When the URL is saved


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "reason"), INSIDE, ids=[url for url, _ in INSIDE])
def test_an_inside_address_is_refused_when_saved(no_loopback, url, reason):
    client = PortalClient(name="Portal", webhook_url=url, webhook_secret=SECRET)
    with pytest.raises(ValidationError) as refused:
        client.full_clean()
    assert any(reason in message for message in refused.value.message_dict["webhook_url"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "error"),
    [
        ("http://portal.example.org/hook", "A webhook URL must start with https://: events carry members' records"),
        ("ftp://portal.example.org/hook", "A webhook URL must start with https://."),
    ],
)
def test_only_https_unless_http_is_allowed(settings, url, error):
    settings.CME_WEBHOOK_ALLOW_HTTP = False
    with pytest.raises(ValidationError) as refused:
        PortalClient(name="Portal", webhook_url=url).full_clean()
    assert error in " ".join(refused.value.message_dict["webhook_url"])
    settings.CME_WEBHOOK_ALLOW_HTTP = True
    if url.startswith("http:"):
        PortalClient(name="Portal", webhook_url=url).full_clean()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["https://portal.example.org/hooks/cme", "https://93.184.215.14:8443/hook", ""])
def test_a_public_url_or_none_is_accepted(no_loopback, url):
    PortalClient(name="Portal", webhook_url=url).full_clean()


@pytest.mark.django_db
def test_the_loopback_allowance_admits_loopback_only():
    PortalClient(name="Portal", webhook_url="http://127.0.0.1:8000/hook").full_clean()
    PortalClient(name="Portal", webhook_url="http://localhost:8000/hook").full_clean()
    for url in ("http://10.0.0.1/hook", "http://169.254.169.254/", "http://printer.local/"):
        with pytest.raises(ValidationError):
            PortalClient(name="Portal", webhook_url=url).full_clean()


@pytest.mark.django_db
def test_the_admin_form_refuses_the_metadata_address(no_loopback, admin_client):
    response = admin_client.post(
        reverse("portal_clients:add"),
        {
            "name": "Portal",
            "scopes": ["progress:read"],
            "is_active": "on",
            "webhook_url": "https://169.254.169.254/latest/meta-data/",
            "webhook_secret": SECRET,
        },
    )
    assert response.status_code == 200
    assert "169.254.169.254 is a link-local address" in response.content.decode()
    assert not PortalClient.objects.exists()

    response = admin_client.post(
        reverse("portal_clients:add"),
        {
            "name": "Portal",
            "scopes": ["progress:read"],
            "is_active": "on",
            "webhook_url": "https://portal.example.org/hook",
            "webhook_secret": SECRET,
        },
    )
    assert response.status_code == 302
    assert PortalClient.objects.get().webhook_url == "https://portal.example.org/hook"


# Settings


def test_the_loopback_allowance_is_refused_by_the_deploy_check(settings):
    settings.CME_WEBHOOK_ALLOW_LOOPBACK = True
    settings.CME_WEBHOOK_ALLOW_HTTP = True
    found = {message.id: message.level for message in run_checks(include_deployment_checks=True)}
    assert "lms.E002" in found and found["lms.E002"] >= 40, "an error, not a warning"
    assert "lms.W001" in found
    settings.CME_WEBHOOK_ALLOW_LOOPBACK = False
    settings.CME_WEBHOOK_ALLOW_HTTP = False
    found = {message.id for message in run_checks(include_deployment_checks=True)}
    assert not {"lms.E002", "lms.W001"} & found
