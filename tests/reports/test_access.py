"""Only users who may view members (Society admins) see the reports, their menu items and the panel."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.menu import reports_menu

from lms.reports.urls import REPORTS
from tests.admin.labelled_buttons import download_buttons

from .conftest import learner

REPORT_NAMES = [name for _, name, _ in REPORTS]
URL_NAMES = REPORT_NAMES + [f"{name}_results" for name in REPORT_NAMES]
MENU_NAMES = {f"cme-{name.replace('_', '-')}" for name in REPORT_NAMES}


@pytest.fixture
def learner_user(asthma):
    return learner(asthma).user


@pytest.mark.parametrize("url_name", URL_NAMES)
@pytest.mark.parametrize("export", [None, "csv", "xlsx"])
def test_society_admins_open_every_report(admin_client, url_name, export):
    response = admin_client.get(reverse(f"lms_reports:{url_name}"), {"export": export} if export else {})
    assert response.status_code == 200


@pytest.mark.parametrize("url_name", URL_NAMES)
@pytest.mark.parametrize("export", [None, "csv", "xlsx"])
def test_editors_are_refused_every_report(client, editor, url_name, export):
    client.force_login(editor)
    response = client.get(reverse(f"lms_reports:{url_name}"), {"export": export} if export else {})
    # Wagtail answers a refused page with a redirect to the dashboard and a message, an AJAX request with 403.
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.parametrize("url_name", URL_NAMES)
def test_learners_are_refused_every_report(client, learner_user, url_name):
    client.force_login(learner_user)
    response = client.get(reverse(f"lms_reports:{url_name}"), {"export": "csv"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_editor_refused_by_ajax_gets_403(client, editor):
    client.force_login(editor)
    response = client.get(reverse("lms_reports:completions_results"), headers={"X-Requested-With": "XMLHttpRequest"})
    assert response.status_code == 403


def menu_names(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return {item.name for item in reports_menu.menu_items_for_request(request)}


def test_menu_items_show_for_society_admins_only(society_admin, editor):
    assert menu_names(society_admin) >= MENU_NAMES
    assert not MENU_NAMES & menu_names(editor)


def test_dashboard_panel_shows_for_society_admins_only(client, admin_client, editor, learner_user):
    assert 'id="cme-summary-section"' in admin_client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert "cme-summary" not in response.content.decode()
    client.force_login(learner_user)
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


@pytest.mark.parametrize("url_name", REPORT_NAMES)
def test_every_report_offers_labelled_download_buttons(admin_client, url_name):
    html = admin_client.get(reverse(f"lms_reports:{url_name}")).content.decode()
    buttons = download_buttons(html)
    assert [label for _, label in buttons] == ["Download CSV", "Download XLSX"]
    assert [href.rsplit("export=", 1)[1] for href, _ in buttons] == ["csv", "xlsx"]
