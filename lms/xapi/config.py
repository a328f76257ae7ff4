"""The learning record store settings, `LMS["XAPI"]`: None (off) or a dict of the keys below."""

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

from ..conf import lms_settings

# The learner events a society may send; each becomes one statement (docs/xapi.md).
EVENTS = (
    "enrolled",
    "module_started",
    "module_completed",
    "pre_test_graded",
    "post_test_graded",
    "activity_completed",
    "credit_claimed",
)
DEFAULTS = {
    # The store's xAPI base, e.g. https://lrs.example.org/xAPI: statements go to <ENDPOINT>/statements.
    "ENDPOINT": "",
    # HTTP basic authentication at the store.
    "USERNAME": "",
    "PASSWORD": "",
    # Which learner events are sent; all of them unless narrowed.
    "EVENTS": list(EVENTS),
    # Seconds per connect and per read.
    "TIMEOUT": 10,
}


@dataclass(frozen=True)
class XapiConfig:
    endpoint: str
    username: str
    password: str
    events: frozenset
    timeout: float
    # The society's home page: accounts and activity ids are IRIs under it.
    site_url: str

    @property
    def statements_url(self):
        return self.endpoint.rstrip("/") + "/statements"


def xapi_config() -> XapiConfig | None:
    """The store's settings, or None while xAPI is off; ImproperlyConfigured when they are wrong."""
    configured = lms_settings.XAPI
    if not configured:
        return None
    if not isinstance(configured, dict):
        raise ImproperlyConfigured('LMS["XAPI"] is None (off) or a dict (docs/xapi.md).')
    unknown = set(configured) - set(DEFAULTS)
    if unknown:
        raise ImproperlyConfigured(f'Unknown LMS["XAPI"] keys: {", ".join(sorted(unknown))} (docs/xapi.md).')
    values = {**DEFAULTS, **configured}
    if not str(values["ENDPOINT"]).startswith(("https://", "http://")):
        raise ImproperlyConfigured('LMS["XAPI"]["ENDPOINT"] is the store\'s xAPI base URL (docs/xapi.md).')
    events = values["EVENTS"]
    if isinstance(events, str) or not all(event in EVENTS for event in events):
        raise ImproperlyConfigured(f'LMS["XAPI"]["EVENTS"] lists some of: {", ".join(EVENTS)} (docs/xapi.md).')
    if not lms_settings.site_url:
        raise ImproperlyConfigured(
            'xAPI needs LMS["SITE_URL"] (or WAGTAILADMIN_BASE_URL): learners and activities are named by IRIs on it.'
        )
    return XapiConfig(
        endpoint=values["ENDPOINT"],
        username=values["USERNAME"],
        password=values["PASSWORD"],
        events=frozenset(events),
        timeout=values["TIMEOUT"],
        site_url=lms_settings.site_url,
    )
