from pathlib import Path

import pytest
from django.db import connection

CHROMIUM = "/usr/bin/chromium"


def pytest_addoption(parser):
    parser.addoption(
        "--require-postgres",
        action="store_true",
        help="Fail instead of skipping when the database is not PostgreSQL (used by make test-postgres).",
    )


def pytest_configure(config):
    if config.getoption("--require-postgres"):
        from django.conf import settings

        engine = settings.DATABASES["default"]["ENGINE"]
        if "postgresql" not in engine:
            raise pytest.UsageError(f"--require-postgres given but the database engine is {engine}; set DATABASE_URL.")


def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    # Here rather than in tests/e2e: browser tests live in other folders too (tests/security).
    if not Path(CHROMIUM).exists():
        skip = pytest.mark.skip(
            reason=f"needs Debian's chromium at {CHROMIUM} (apt-get install chromium); .ci/run installs it"
        )
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)
    if "postgresql" in settings.DATABASES["default"]["ENGINE"]:
        # The live site runs on its own SQLite file whatever the suite's database: once, in `make test`, is enough.
        skip = pytest.mark.skip(reason="runs the embedded SQLite site; `make test` runs it")
        for item in items:
            if "live" in item.keywords:
                item.add_marker(skip)
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: run `make test-postgres` (DATABASE_URL=postgres://...)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Throttle counters and Wagtail's site caches live in the cache; no test inherits another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def on_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture
def society_admin(db):
    from lms.services.roles import SOCIETY_ADMINS
    from tests.factories import user_in

    return user_in(SOCIETY_ADMINS, "coordinator")


@pytest.fixture
def editor(db):
    from lms.services.roles import EDITORS
    from tests.factories import user_in

    return user_in(EDITORS, "editor")


@pytest.fixture
def admin_client(client, society_admin):
    client.force_login(society_admin)
    return client


@pytest.fixture
def bundled_curriculum_day(time_machine):
    """Runs the test on the day the bundled sample curriculum was last disclosed: its disclosures are
    current for 12 months only, so on a later day loading it is refused, as it would be for a society."""
    import datetime

    from content.curriculum_data import read_curriculum

    day = max(person.disclosure_date for person in read_curriculum().people.values())
    time_machine.move_to(datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC), tick=True)
    return day
