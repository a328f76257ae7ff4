"""Production: every secret and host from the environment; refuses to start without them."""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def _required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable for production settings.")
    return value


DEBUG = False
SECRET_KEY = _required("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in _required("DJANGO_ALLOWED_HOSTS").split(",") if host.strip()]
DATABASES = {"default": prepared_on_postgres(dj_database_url.parse(_required("DATABASE_URL"), conn_max_age=60))}  # noqa: F405

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "content.caching.redis_backend.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
    CME_SHARED_CACHE = True
    # Sessions read from the cache, written through to the database: a signed-in request saves
    # its session query, and a cache restart signs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# The reverse proxies in front of the app (docs/install.md); X-Forwarded-For is ignored without them.
_proxies = os.environ.get("CME_TRUSTED_PROXY_COUNT", "0").strip()
if not _proxies.isdigit():
    raise ImproperlyConfigured(
        f"CME_TRUSTED_PROXY_COUNT is the number of reverse proxies in front of the app (0, 1, 2...), not {_proxies!r}."
    )
CME_TRUSTED_PROXY_COUNT = int(_proxies)

WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}")
CSRF_TRUSTED_ORIGINS = [f"https://{host.lstrip('.')}" for host in ALLOWED_HOSTS if host != "*"]

MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]  # noqa: F405

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "cme_private": {
        "BACKEND": "lms.storage.PrivateFileSystemStorage",
        # Outside MEDIA_ROOT and anything the web server publishes; the `check` command says so otherwise.
        "OPTIONS": {
            "location": os.environ.get("DJANGO_PRIVATE_MEDIA_ROOT", "").strip() or BASE_DIR / "private-media",  # noqa: F405
        },
    },
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "true").lower() != "false"
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
