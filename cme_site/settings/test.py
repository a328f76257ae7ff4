"""The test suite: fast hashing, outbox e-mail, DATABASE_URL picks PostgreSQL."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# A host site's app that subclasses the activity page (tests/subclassed): the extension point, tested.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.subclassed"]  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
STORAGES = {
    **STORAGES,  # noqa: F405
    "cme_private": {**STORAGES["cme_private"], "OPTIONS": {"location": BASE_DIR / ".test-private-media"}},  # noqa: F405
}
# Tasks run inline, as Wagtail's search and reference indexing need for a test to see its pages;
# the webhook tests switch to the dummy backend to run deliveries themselves.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Lockout is tested on purpose (tests/lms/test_security_headers_and_lockout.py); elsewhere
# tests sign in without the request object that axes needs.
AXES_ENABLED = False
# One process: the local-memory cache is shared by everything a test does.
CME_SHARED_CACHE = True
# The webhook tests deliver to a receiver on 127.0.0.1; the refusals are tested with these off.
CME_WEBHOOK_ALLOW_HTTP = True
CME_WEBHOOK_ALLOW_LOOPBACK = True
