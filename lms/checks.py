"""System checks for the settings the security controls depend on."""

import datetime
import zoneinfo

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
def record_settings(app_configs, **kwargs):
    """The settings the records rules read: a pass mark that can be failed, a retention window, a real zone."""
    from .conf import lms_settings

    problems = []
    mark = lms_settings.MIN_PASS_MARK
    if isinstance(mark, bool) or not isinstance(mark, int) or not 1 <= mark <= 100:
        problems.append(
            Error(
                f'LMS["MIN_PASS_MARK"] is {mark!r}; it is the lowest post-test pass mark for credit, 1 to 100.',
                hint="A pass mark of 0 passes everyone: the post-test would assess nothing.",
                id="lms.E003",
            )
        )
    years = lms_settings.RETENTION_YEARS
    if isinstance(years, bool) or not isinstance(years, int) or years < 1:
        problems.append(
            Error(
                f'LMS["RETENTION_YEARS"] is {years!r}; it is the whole number of years records are kept.',
                hint="ACCME asks providers to keep attendance records for six years (docs/learner-records.md).",
                id="lms.E004",
            )
        )
    elif years < 6:
        problems.append(
            Warning(
                f'LMS["RETENTION_YEARS"] is {years}: shorter than the six years ACCME asks records to be kept.',
                id="lms.W002",
            )
        )
    zone = lms_settings.TIME_ZONE
    if zone is not None:
        try:
            zoneinfo.ZoneInfo(zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
            problems.append(
                Error(
                    f'LMS["TIME_ZONE"] is {zone!r}, not a known time zone.', hint="e.g. America/New_York", id="lms.E005"
                )
            )
    if not pars_deadline_valid(lms_settings.PARS_LEARNER_DEADLINE):
        problems.append(
            Error(
                f'LMS["PARS_LEARNER_DEADLINE"] is {lms_settings.PARS_LEARNER_DEADLINE!r}, not a day of the year.',
                hint='"MM-DD": ACCME takes a year\'s learner data until March 31 of the next year ("03-31").',
                id="lms.E007",
            )
        )
    return problems


def pars_deadline_valid(value):
    # 2001 is no leap year: a deadline must exist every year.
    try:
        datetime.datetime.strptime(f"2001-{value}", "%Y-%m-%d")
    except (TypeError, ValueError):
        return False
    return len(value) == 5


@register()
def xapi_settings(app_configs, **kwargs):
    try:
        xapi_config()
    except ImproperlyConfigured as error:
        return [Error(str(error), hint="docs/xapi.md lists the settings of the learning record store.", id="lms.E006")]
    return []
