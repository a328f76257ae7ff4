"""The admin screens a coordinator meets: the page editor's live preview, the member import
preview with a bad birth month, the labelled PARS download, the portal keys; each checked with axe."""

import io

import pytest
from django.core.management import call_command

from courses.models import CoursePage, ModulePage
from lms.imports.reading import COLUMNS
from lms.models import PortalAPIKey, PortalClient
from lms.services.roles import SOCIETY_ADMINS
from tests.factories import user_in

from .accessibility import serious_violations
from .reading import loaded_html

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def admin_page(live_server, browser):
    call_command("load_curriculum", stdout=io.StringIO())
    user_in(SOCIETY_ADMINS, "coordinator")
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "coordinator")
    page.fill("#id_password", "correct horse battery")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    return page


def test_the_live_preview_panel_shows_the_page_inside_the_editor(admin_page, live_server, shots):
    activity = CoursePage.objects.live().order_by("path").first()
    page = admin_page
    page.goto(f"{live_server.url}/admin/pages/{activity.pk}/edit/")
    page.click("button[data-side-panel-toggle='preview']")
    # Wagtail loads the preview in a second frame, then swaps it in for the first.
    page.wait_for_function(
        "document.querySelectorAll('iframe.w-preview__iframe').length === 1"
        " && document.querySelector('#w-preview-iframe').src.includes('/preview/')",
        timeout=20_000,
    )
    heading = page.frame_locator("#w-preview-iframe").locator("h1").first
    heading.wait_for(state="attached", timeout=20_000)
    shots(page, "preview-panel")
    assert activity.title in heading.inner_text()
    # The page itself still refuses to be framed anywhere.
    served = page.request.get(live_server.url + activity.url)
    assert "frame-ancestors 'none'" in served.headers["content-security-policy"]


def open_preview_panel(page):
    toggle = page.locator("button[data-side-panel-toggle='preview']")
    # Wagtail remembers an open panel from one editor to the next.
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    # Wagtail loads the preview in a second frame, then swaps it in for the first.
    page.wait_for_function(
        "document.querySelectorAll('iframe.w-preview__iframe').length === 1"
        " && document.querySelector('#w-preview-iframe').src.includes('/preview/')",
        timeout=20_000,
    )
    return page.frame_locator("#w-preview-iframe")


def test_the_preview_panel_shows_a_draft_module_and_walks_through_the_activity_as_a_learner(
    admin_page, live_server, shots
):
    activity = CoursePage.objects.live().order_by("path").first()
    module = ModulePage(
        title="A module awaiting review",
        slug="awaiting-review",
        estimated_minutes=5,
        live=False,
        body=[{"type": "rich_text", "value": "<p>Draft lesson text for review.</p>"}],
    )
    activity.add_child(instance=module)
    module.save_revision()
    page = admin_page
    page.goto(f"{live_server.url}/admin/pages/{module.pk}/edit/")
    lesson = open_preview_panel(page).locator("text=Draft lesson text for review.")
    lesson.wait_for(state="visible", timeout=20_000)
    shots(page, "draft-module-preview")

    page.goto(f"{live_server.url}/admin/pages/{activity.pk}/edit/")
    frame = open_preview_panel(page)
    frame.locator("h1").first.wait_for(state="attached", timeout=20_000)
    page.select_option("#id_preview_mode", "learner")
    frame.locator("text=Draft lesson text for review.").wait_for(state="visible", timeout=20_000)
    frame.locator("button:has-text('Start the post-test')").wait_for(state="visible", timeout=20_000)
    shots(page, "learner-walkthrough")


def test_a_bad_birth_month_is_a_row_error_in_the_import_preview(admin_page, live_server, shots, tmp_path):
    rows = [
        ",".join(COLUMNS),
        "M1,Ada,Lovelace,ada@example.org,MD,,,13,10,active,",
        "M2,Ben,Ok,ben@example.org,MD,,,,,active,",
    ]
    upload = tmp_path / "members.csv"
    upload.write_text("\n".join(rows) + "\n")
    page = admin_page
    page.goto(live_server.url + "/admin/cme-records/import-members/")
    page.set_input_files("input[type=file]", str(upload))
    page.click("button:has-text('Preview')")
    page.wait_for_selector("text=Errors")
    row = page.locator("table.listing tr", has_text="birth_month")
    assert row.locator("td").nth(0).inner_text() == "2"
    assert "less than or equal to 12" in row.inner_text()
    assert serious_violations(page) == []
    shots(page, "import-preview")


def test_pars_and_reports_show_labelled_download_buttons(admin_page, live_server, shots):
    page = admin_page
    page.goto(live_server.url + "/admin/cme-reports/completions/")
    for button in page.locator("a.cme-download").all():
        box = button.locator("svg.icon").bounding_box()
        assert box["width"] <= 24 and box["height"] <= 24, "the icon keeps its size beside the label"
        assert button.inner_text().strip() in ("Download CSV", "Download XLSX")
    assert page.locator("a.cme-download").count() == 2
    page.goto(live_server.url + "/admin/cme-records/pars/")
    assert page.locator("#pars-about").is_visible()
    assert serious_violations(page) == []
    shots(page, "pars")


def test_portal_keys_show_a_new_key_once_and_ask_before_revoking(admin_page, live_server, shots):
    PortalClient.objects.create(name="Member portal", scopes=["catalog:read"])
    page = admin_page
    page.goto(live_server.url + "/admin/portal-keys/")
    page.select_option("#id_client", label="Member portal")
    page.fill("#id_name", "production")
    page.click("button:has-text('Issue a key')")
    page.wait_for_url(live_server.url + "/admin/portal-keys/")
    key = page.locator("code.cme-shown-once").inner_text()
    row = PortalAPIKey.objects.get()
    assert key.startswith(row.prefix + ".")
    assert serious_violations(page) == []
    shots(page, "key-issued")
    page.reload()
    assert page.locator("code.cme-shown-once").count() == 0
    assert PortalAPIKey.objects.count() == 1

    page.click("a:has-text('Revoke')")
    page.wait_for_url(f"{live_server.url}/admin/portal-keys/{row.prefix}/revoke/")
    assert row.hashed_key not in page.url
    assert serious_violations(page) == []
    shots(page, "revoke-confirmation")
    page.click("button:has-text('Revoke this key')")
    page.wait_for_url(live_server.url + "/admin/portal-keys/")
    row.refresh_from_db()
    assert row.revoked
    assert page.locator(".w-status", has_text="Revoked").is_visible()


def test_a_generated_webhook_secret_is_shown_once_in_the_portal_form(admin_page, live_server, shots):
    portal = PortalClient.objects.create(name="Hooked portal", scopes=["catalog:read"])
    page = admin_page
    edit_url = f"{live_server.url}/admin/portal_clients/edit/{portal.pk}/"
    page.goto(edit_url)
    page.fill("#id_webhook_url", "https://portal.example.org/events")
    page.check("#id_generate_secret")
    page.click("button[type=submit]:has-text('Save')")
    page.wait_for_url(edit_url)
    secret = page.locator("code.cme-shown-once").inner_text()
    portal.refresh_from_db()
    assert secret == portal.webhook_secret
    assert page.input_value("#id_webhook_secret") == ""
    assert serious_violations(page) == []
    shots(page, "secret-shown-once")
    page.reload()
    assert page.locator("code.cme-shown-once").count() == 0
    assert f"ending …{secret[-4:]}" in loaded_html(page)
    page.goto(live_server.url + "/admin/portal_clients/")
    assert page.locator(".w-status", has_text="Active").is_visible()
    assert serious_violations(page) == []
