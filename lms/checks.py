"""System checks for the settings the security controls depend on."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured

from .xapi.config import xapi_config


@register(Tags.security)
def trusted_proxy_count(app_configs, **kwargs):
    count = getattr(settings, "CME_TRUSTED_PROXY_COUNT", 0)
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        return [
            Error(
                f"CME_TRUSTED_PROXY_COUNT is {count!r}; it is the number of reverse proxies in front of the app.",
                hint="0 when clients reach the app directly, 1 behind one proxy (docs/install.md).",
                id="lms.E001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def webhook_allowances(app_configs, **kwargs):
    problems = []
    if getattr(settings, "CME_WEBHOOK_ALLOW_LOOPBACK", False):
        problems.append(
            Error(
                "CME_WEBHOOK_ALLOW_LOOPBACK is on: a portal's webhook URL can reach services on this machine.",
                hint="It exists for the test suite and local development; turn it off in production.",
                id="lms.E002",
            )
        )
    if getattr(settings, "CME_WEBHOOK_ALLOW_HTTP", False):
        problems.append(
            Warning(
                "CME_WEBHOOK_ALLOW_HTTP is on: webhook events, which carry members' records, may travel unencrypted.",
                id="lms.W001",
            )
        )
    return problems


@register()
def xapi_settings(app_configs, **kwargs):
    try:
        xapi_config()
    except ImproperlyConfigured as error:
        return [Error(str(error), hint="docs/xapi.md lists the settings of the learning record store.", id="lms.E003")]
    return []
