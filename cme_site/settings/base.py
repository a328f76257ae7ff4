"""The demo site's settings shared by every environment; dev, test and production refine them.

A host site writes its own (docs/install.md); nothing here is needed by the plugin apps."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "cme_site",
    "lms",
    "quizzes",
    "courses",
    "content",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "lms.admin.apps.CMEUsersAppConfig",  # Wagtail's users app: staff and learners apart, roles described
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "rest_framework_api_key",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lms.api.stored_progress.StoredProgressMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "axes.middleware.AxesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "csp.middleware.CSPMiddleware",
    # Wagtail's preview of a page may be framed by the editor, on this origin only (lms/preview_framing.py).
    "lms.preview_framing.PreviewFramingMiddleware",
]

ROOT_URLCONF = "cme_site.urls"
WSGI_APPLICATION = "cme_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "courses.context_processors.provider_name",
            ],
        },
    },
]


def prepared_on_postgres(database):
    """On PostgreSQL, parameters bound by the server and statements prepared once a connection
    has run them five times: a hot query is parsed and planned once per connection instead of on
    every request. Behind a transaction-pooling PgBouncer older than 1.21, set prepare_threshold
    to None in OPTIONS (docs/install.md)."""
    if database["ENGINE"] == "django.db.backends.postgresql":
        database["OPTIONS"] = {"server_side_binding": True, "prepare_threshold": 5, **database.get("OPTIONS", {})}
    return database


def concurrent_on_sqlite(database):
    """On SQLite, the web server, the task worker and an import write to one file at once. Write-ahead
    logging lets readers go on while one connection writes; a write transaction takes the write lock
    when it begins (IMMEDIATE), so a request that must write waits its turn, up to the busy timeout,
    instead of failing with "database is locked" when a read inside its transaction turns into a
    write after another connection has written."""
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            **database.get("OPTIONS", {}),
        }
    return database


DATABASES = {
    "default": concurrent_on_sqlite(
        prepared_on_postgres(dj_database_url.config(default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60))
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out username is refused before its password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Single sign-on (lms/sso/); signs no one in unless LMS["OIDC"] is set.
    "lms.sso.backend.MemberOIDCBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours: a locked account opens again after 15 minutes
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# The client's address behind CME_TRUSTED_PROXY_COUNT proxies, the same one the API throttles use.
AXES_CLIENT_IP_CALLABLE = "lms.client_address.client_address"

# How many reverse proxies of our own stand in front of the app, each appending the address it
# saw to X-Forwarded-For. 0: the app is reached directly and X-Forwarded-For is ignored
# (docs/install.md).
CME_TRUSTED_PROXY_COUNT = 0

# Learner pages carry no inline script or style. Wagtail's admin and the API's docs UI need
# their own inline code and are left to their own headers.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/api/v1/docs/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # 2.5 MB: larger request bodies are refused

LOGIN_URL = "login"
# Signing in lands on the learner's dashboard, or on the page that asked for it (`next`).
LOGIN_REDIRECT_URL = "lms:dashboard"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_ROOT = BASE_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Certificate PDFs: outside MEDIA_ROOT and without a URL, read only by permission-checked
    # views (lms/storage.py).
    "cme_private": {
        "BACKEND": "lms.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": BASE_DIR / "private-media"},
    },
}

# The page editor posts one field per StreamField block; long modules exceed Django's 1,000.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "CME Learning"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "pptx", "xlsx", "csv", "txt"]
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# True only when every server and worker process shares the default cache (Redis): portal keys
# and progress answers are then kept in it, and a change in one process (a revocation, a
# completion) is seen by all at once. The local-memory default is per process
# (content/caching/change_tokens.py).
CME_SHARED_CACHE = False

# Webhooks go over https to public internet addresses only (lms/webhooks/destination.py).
# Development and the test suite allow http and receivers on this machine; production never does
# (`check --deploy` refuses the loopback allowance).
CME_WEBHOOK_ALLOW_HTTP = False
CME_WEBHOOK_ALLOW_LOOPBACK = False

# drf-spectacular's deploy check generates one schema from every DRF view of the site with the
# site's global settings, Wagtail's admin API included, which is not ours to document; the API's
# own document is generated and validated by its tests (tests/api/test_self_contained_api.py).
SILENCED_SYSTEM_CHECKS = ["drf_spectacular.E001"]

# One console handler for everything, masking personal data (lms.log_redaction) on the way out.
# Django's own handlers are dropped so its records reach this one handler.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_personal_data": {"()": "lms.log_redaction.RedactPersonalData"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_personal_data"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": [], "propagate": True},
        # WeasyPrint narrates every rendering step at INFO.
        **{name: {"level": "WARNING"} for name in ("weasyprint", "fontTools")},
    },
}
