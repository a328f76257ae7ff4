"""Hostile activity text and module rich text in a real browser: no payload runs (no dialog, no
window.__xss)."""

import pytest

from tests.factories import make_catalog, make_course, make_home, make_module

from .markup_scan import text_safe
from .xss_payloads import PAYLOADS

# The `<?xml ...>` payload makes bs4 in the sanitizer warn that it looks like XML; expected here.
pytestmark = pytest.mark.filterwarnings("ignore::bs4.XMLParsedAsHTMLWarning")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # as tests/e2e: the root page survives flushes
def test_no_payload_runs_in_chromium(browser, live_server):
    catalog = make_catalog(make_home())
    payloads = text_safe(PAYLOADS)
    course = make_course(catalog, slug="browser-course", summary="\n".join(payloads), target_audience=payloads[0])
    module = make_module(course, slug="browser-module", body=[{"type": "rich_text", "value": p} for p in payloads])
    dialogs = []
    page = browser.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for url in (course.url, module.url):
        page.goto(live_server.url + url, wait_until="load")
        page.wait_for_timeout(500)  # let onerror/onload/ontoggle handlers fire if any survived
        assert page.evaluate("typeof window.__xss") == "undefined", url
    assert not dialogs, dialogs
