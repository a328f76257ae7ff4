"""The coordinator's PARS cycle in the browser: give the activity its PARS id, preview, download
the Excel learner file, then see the learner reported; each screen checked with axe."""

import datetime
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from courses.models import CoursePage, CreditType
from lms.models import Completion, CreditClaim, ParsBatch
from tests.factories import MemberFactory

from .accessibility import serious_violations
from .test_admin_screens import admin_page  # noqa: F401 (the signed-in coordinator)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_coordinator_sets_the_pars_id_previews_and_downloads_the_excel_file(admin_page, live_server, shots):  # noqa: F811
    activity = CoursePage.objects.live().order_by("path").first()
    member = MemberFactory(first_name="Ada", last_name="Able", npi="1234567893", birth_month=4, birth_day=9)
    completion = Completion.objects.create(
        member=member, course=activity, completed_at=timezone.make_aware(datetime.datetime(2026, 11, 20, 12))
    )
    CreditClaim.objects.create(
        completion=completion,
        credit_type=CreditType.objects.get(code=CreditType.AMA_PRA_CATEGORY_1),
        amount=Decimal("0.50"),
        minutes_attested=30,
        attestation="I attest.",
        report_consent=True,
    )
    page = admin_page
    page.goto(live_server.url + "/admin/cme-records/pars/")
    page.select_option("#id_course", str(activity.pk))
    page.click("button:has-text('Preview')")
    page.wait_for_selector("text=has no PARS activity id")
    assert serious_violations(page) == []
    page.locator("text=has no PARS activity id").first.scroll_into_view_if_needed()
    shots(page, "no-pars-id")

    page.fill("#id_pars_activity_id", "201234567")
    page.click("button:has-text('Save PARS settings')")
    page.wait_for_selector("text=Ready for PARS: 1 row")
    assert "Pending: 1 row ready" in page.inner_text("#main")
    assert serious_violations(page) == []
    page.locator("text=Ready for PARS: 1 row").first.scroll_into_view_if_needed()
    shots(page, "preview")

    with page.expect_download() as download:
        page.click("button:has-text('Download file')")
    # Playwright keeps the download under a name without its extension, which openpyxl refuses.
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    header, row = list(sheet.iter_rows(values_only=True))
    cells = dict(zip(header, row, strict=True))
    assert (cells["ACCME Activity ID"], cells["Last Name"], cells["CME Credits"]) == ("201234567", "Able", "0.50")
    assert ParsBatch.objects.get().rows.count() == 1

    page.goto(f"{live_server.url}/admin/cme-records/pars/?course={activity.pk}")
    assert "Reported: 1 row" in page.inner_text("#main")
    assert "Nothing to report with these choices." in page.inner_text("#main")
    page.locator("text=Reported: 1 row").first.scroll_into_view_if_needed()
    shots(page, "reported")
