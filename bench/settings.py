"""The server under test: production settings (DEBUG off, WhiteNoise, manifest static files), plus
the two references the benchmark compares against (a bare DRF view, Wagtail's pages API).

Plain HTTP on loopback, so no SSL redirect; throttles raised out of the load's way (their cost,
one cache round trip per request, is still paid)."""

from cme_site.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.api.v2"]  # noqa: F405
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
LMS = {"API_THROTTLE_RATES": {"portal": "10000000/min", "learner": "10000000/min", "anonymous": "10000000/min"}}
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"  # issuing certificates sends no mail
