"""The LMS = {...} settings dict: defaults below, overridden per site, read lazily.

LMS = {"AUTO_ENROLL_ON_MODULE_VIEW": True}
"""

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

DEFAULTS = {
    # Enrol a signed-in learner the first time they open a module, instead of by the Enrol button.
    "AUTO_ENROLL_ON_MODULE_VIEW": False,
    # Absolute base of links printed on certificates (verification URL, QR code).
    "SITE_URL": None,
    # Sender of learner e-mail (certificate issued, e-mail change).
    "FROM_EMAIL": None,
    # A portal, an import or an admin may change the e-mail of an account that signs in with a
    # password only when this is on, and then only once the member confirms the new address.
    "VERIFIED_EMAIL_CHANGES": False,
    # How long the link that confirms a new e-mail works.
    "EMAIL_CHANGE_LINK_HOURS": 48,
    # API requests allowed per portal key, per signed-in learner and per anonymous client address
    # ("<count>/<sec|min|hour|day>"); a scope left out is not throttled.
    "API_THROTTLE_RATES": {"portal": "1200/min", "learner": "120/min", "anonymous": "60/min"},
    # Single sign-on through the society's OpenID Connect provider: None (off) or a dict of the
    # keys in lms/sso/config.py (docs/sso.md).
    "OIDC": None,
    # Whether whoever submitted a page or snippet for review may approve it: "never", "only-admin"
    # (only when no one else in the approving groups could) or "allowed".
    "SELF_APPROVAL": "only-admin",
    # How long the API keeps the answer to a learner's POST sent with an Idempotency-Key.
    "IDEMPOTENCY_KEY_HOURS": 24,
    # The society's time zone: the day a completion is dated on certificates, transcripts, PARS and
    # reports (None: Django's TIME_ZONE).
    "TIME_ZONE": None,
    # An activity that designates credit is published only with a live post-test whose pass mark is
    # at least this percentage (1-100; a post-test that cannot be failed assesses nothing).
    "MIN_PASS_MARK": 70,
    # Years a completion's record is kept after the completion date (ACCME asks for six): anonymizing a
    # member inside this window keeps a restricted record to verify their participation.
    "RETENTION_YEARS": 6,
    # ACCME's last day ("MM-DD") to report a calendar year's learner completions in PARS: March 31
    # of the following year, after which PARS closes that year (docs/pars.md).
    "PARS_LEARNER_DEADLINE": "03-31",
    # xAPI statements to the society's learning record store: None (off) or a dict of the keys in
    # lms/xapi/config.py (docs/xapi.md).
    "XAPI": None,
}


class LMSSettings:
    def __init__(self):
        self._cache = {}

    def __getattr__(self, name):
        if name not in DEFAULTS:
            raise AttributeError(f"Unknown LMS setting {name!r}")
        if name not in self._cache:
            self._cache[name] = getattr(settings, "LMS", {}).get(name, DEFAULTS[name])
        return self._cache[name]

    @property
    def site_url(self):
        return (self.SITE_URL or getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")

    def reload(self):
        self._cache = {}


lms_settings = LMSSettings()


@receiver(setting_changed)
def _reload(setting, **kwargs):
    if setting == "LMS":
        lms_settings.reload()
