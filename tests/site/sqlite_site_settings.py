"""The demo site as `make run` serves it (dev settings, the default SQLite database), with its
database file and media kept in the directory CME_SITE_DIR names, for tests that start the site."""

import os
from pathlib import Path

from cme_site.settings.dev import *  # noqa: F403

SITE_DIR = Path(os.environ["CME_SITE_DIR"])
# The default database's file moved; its OPTIONS (WAL, busy timeout, IMMEDIATE) are the default's.
DATABASES["default"]["NAME"] = SITE_DIR / "db.sqlite3"  # noqa: F405
MEDIA_ROOT = SITE_DIR / "media"
STORAGES = {
    **STORAGES,  # noqa: F405
    "cme_private": {**STORAGES["cme_private"], "OPTIONS": {"location": SITE_DIR / "private-media"}},  # noqa: F405
}
