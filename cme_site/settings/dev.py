"""Local development: DEBUG on, SQLite unless DATABASE_URL says otherwise."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-secret-key-not-for-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Webhook receivers on this machine, over http, for trying portals out.
CME_WEBHOOK_ALLOW_HTTP = True
CME_WEBHOOK_ALLOW_LOOPBACK = True
