"""Browser tests: Python Playwright driving Debian's Chromium against a live server."""

import os
import re
from pathlib import Path

import pytest
from django.db import connections

from tests.conftest import CHROMIUM

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
# Playwright's sync API runs an event loop; Django refuses ORM calls from a thread with one
# unless told that this is deliberate (the tests query the database between browser steps).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser(transactional_db):
    """One browser per test, started once the test's database is ready: a session-wide one,
    started before a later test restored its serialized data, left that test an empty database."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # While the event loop runs, Django keeps this thread's connections apart from the ones the
        # test database teardown closes; left open, one keeps the database from being dropped.
        connections.close_all()


@pytest.fixture
def shots(request):
    """Save numbered screenshots of each step under screenshots/<test name>/."""
    folder = SCREENSHOTS / re.sub(r"[^\w.-]+", "_", request.node.name)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    counter = iter(range(1, 1000))

    def take(page, step):
        page.screenshot(path=str(folder / f"{next(counter):02d}-{step}.png"), full_page=True)

    return take
