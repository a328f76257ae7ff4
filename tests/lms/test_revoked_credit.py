"""A revoked certificate's credit counts nowhere: every total and export leaves it out, the learner
sees the certificate marked revoked (with whom to ask, never the society's reason), the feed keeps
the entry marked revoked with no credit, and the PDF download comes stamped REVOKED."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader
from rest_framework.test import APIClient

from courses.models import CreditType
from lms.models import ActivityReporting, Certificate, ParsBatch
from lms.pars.rows import pars_rows
from lms.reports.dashboard import dashboard_figures
from lms.services.certificates import revoke_certificate
from tests.api.conftest import ALL_SCOPES, key_client, portal_key
from tests.factories import make_catalog, make_home
from tests.reports.conftest import at, claim, complete, csv_table, enrol, learner, make_activity, screen_table

REASON = "Attendance could not be confirmed by the course director"
MARCH = {"start": "2026-03-01", "end": "2026-03-31"}


def pdf_text(content):
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def records(db, society_admin):
    """Ada completed two activities in March 2026 and claimed 1.00 and 0.50 credit; the second
    certificate was revoked."""
    catalog = make_catalog(make_home())
    kept = make_activity(catalog, "kept", "Kept activity")
    withdrawn = make_activity(catalog, "withdrawn", "Withdrawn activity")
    member = learner(
        kept,
        member_id="R-1",
        first_name="Ada",
        last_name="Able",
        npi="1234567893",
        birth_month=4,
        birth_day=9,
        user__username="ada",
    )
    enrol(member, withdrawn)
    complete(member, kept, at(2026, 3, 10))
    complete(member, withdrawn, at(2026, 3, 12))
    kept_certificate = claim(member, kept, "1.00")
    revoked = claim(member, withdrawn, "0.50")
    revoke_certificate(revoked, society_admin, REASON)
    revoked.refresh_from_db()
    return {"member": member, "kept": kept, "withdrawn": withdrawn, "certificate": kept_certificate, "revoked": revoked}


@pytest.fixture
def ada(client, records):
    client.force_login(records["member"].user)
    return client


AMA_NAME = "AMA PRA Category 1 Credit™"
ONLY_KEPT = [{"credit_type": AMA_NAME, "amount": Decimal("1.00")}]


def test_the_transcript_page_counts_only_the_kept_credit_and_marks_the_revoked_certificate(ada, records):
    response = ada.get(reverse("lms:transcript"), MARCH)
    assert [(row["activity"], row["amount"]) for row in response.context["rows"]] == [
        ("Kept activity", Decimal("1.00"))
    ]
    assert response.context["totals"] == ONLY_KEPT
    html = response.content.decode()
    assert "Revoked certificates" in html and records["revoked"].code in html
    assert "contact the CME office of" in html
    assert REASON not in html


def test_the_transcript_pdf_counts_only_the_kept_credit(ada, records):
    response = ada.get(reverse("lms:transcript"), {**MARCH, "format": "pdf"})
    text = pdf_text(response.content)
    totals = text.split("Totals", 1)[1].split("Revoked certificates", 1)[0]
    assert "1.00" in totals and "0.50" not in totals and "1.50" not in totals
    assert "0.50" not in text  # the withdrawn amount is printed nowhere
    assert f"Withdrawn activity {records['revoked'].code}" in text  # listed apart, as revoked
    assert REASON not in text


def test_the_transcript_csv_holds_only_the_kept_credit(ada):
    response = ada.get(reverse("lms:transcript"), {**MARCH, "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(row["activity"], row["amount"]) for row in rows] == [("Kept activity", "1.00")]


def test_the_dashboard_totals_are_the_transcripts_and_the_certificate_is_marked_revoked(ada, records):
    response = ada.get(reverse("lms:dashboard"), MARCH)
    assert list(response.context["totals"]) == ONLY_KEPT
    html = response.content.decode()
    assert "<strong>1.00</strong>" in html and "<strong>1.50</strong>" not in html
    assert "This certificate was revoked on" in html and "contact the CME office of" in html
    assert REASON not in html


def test_the_certificate_download_is_stamped_revoked(ada, records):
    response = ada.get(reverse("lms:certificate_pdf", args=[records["revoked"].code]))
    assert response.status_code == 200
    assert "REVOKED" in pdf_text(b"".join(response.streaming_content))
    valid = ada.get(reverse("lms:certificate_pdf", args=[records["certificate"].code]))
    assert "REVOKED" not in pdf_text(b"".join(valid.streaming_content))


def claimed_by_activity(body):
    return {row["course"]["title"]: row["credits_claimed"] for row in body["enrollments"]}


def test_my_progress_api_claims_no_revoked_credit(records):
    client = APIClient()
    client.force_login(records["member"].user)
    claimed = claimed_by_activity(client.get("/api/v1/me/progress/").json())
    assert claimed == {
        "Kept activity": [{"credit_type": CreditType.AMA_PRA_CATEGORY_1, "amount": "1.00"}],
        "Withdrawn activity": [],
    }


def test_the_portals_member_progress_and_transcript_claim_no_revoked_credit(records):
    portal = key_client(portal_key("Portal", ALL_SCOPES))
    claimed = claimed_by_activity(portal.get("/api/v1/members/R-1/progress/").json())
    assert claimed["Withdrawn activity"] == [] and claimed["Kept activity"][0]["amount"] == "1.00"
    transcript = portal.get("/api/v1/members/R-1/transcript/", MARCH).json()
    assert transcript["totals"] == [{"credit_type": AMA_NAME, "amount": "1.00"}]


def test_the_feed_keeps_the_entry_marked_revoked_with_its_date_and_no_credit(records):
    portal = key_client(portal_key("Portal", ALL_SCOPES))
    entries = {entry["course"]["title"]: entry for entry in portal.get("/api/v1/completions/feed/").json()["results"]}
    withdrawn = entries["Withdrawn activity"]
    assert withdrawn["certificate_revoked"] is True
    assert datetime.datetime.fromisoformat(withdrawn["certificate_revoked_at"]) == records["revoked"].revoked_at
    assert withdrawn["credit_claims"] == []
    kept = entries["Kept activity"]
    assert (kept["certificate_revoked"], kept["certificate_revoked_at"]) == (False, None)
    assert [claim["amount"] for claim in kept["credit_claims"]] == ["1.00"]


def test_pars_reports_no_revoked_credit(admin_client, records):
    march = datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)
    withdrawn, kept = (
        ActivityReporting.objects.create(course=records[name], pars_activity_id=number)
        for name, number in (("withdrawn", "1"), ("kept", "2"))
    )
    assert pars_rows(withdrawn, *march) == ([], [])
    assert [row.cells["CME Credits"] for row in pars_rows(kept, *march)[0]] == ["1.00"]
    response = admin_client.post(
        "/admin/cme-records/pars/", {"course": records["withdrawn"].pk, **MARCH, "mode": "all"}
    )
    assert "Nothing to report" in response.content.decode()
    assert not ParsBatch.objects.exists()


def test_the_credits_report_counts_no_revoked_credit(admin_client, records):
    headings, rows = screen_table(admin_client.get(reverse("lms_reports:credits")))
    ama = dict(zip(headings, next(row for row in rows if row[0] == AMA_NAME), strict=True))
    assert (ama["Claims"], ama["Total amount"], ama["Learners"]) == ("1", "1.00", "1")
    headings, rows = csv_table(admin_client.get(reverse("lms_reports:credits"), {"export": "csv"}))
    assert next(row for row in rows if row[0] == AMA_NAME)[headings.index("Total amount")] == "1.00"


def test_the_completions_report_lists_the_revoked_completion_without_its_credit(admin_client, records):
    headings, rows = csv_table(admin_client.get(reverse("lms_reports:completions"), {"export": "csv"}))
    by_activity = {row[headings.index("Activity")]: dict(zip(headings, row, strict=True)) for row in rows}
    withdrawn = by_activity["Withdrawn activity"]
    assert withdrawn["Credits claimed"] == ""
    assert withdrawn["Certificate"] == f"{records['revoked'].code} (revoked)"
    assert by_activity["Kept activity"]["Credits claimed"] == f"1.00 {AMA_NAME}"


def test_the_dashboard_panel_counts_no_revoked_credit(records):
    (total,) = dashboard_figures()["credit_totals"]
    assert total["amount"] == Decimal("1.00")


def test_the_personal_data_export_says_which_claims_count(ada, records):
    claims = {claim["course_id"]: claim["counts"] for claim in ada.get(reverse("lms:my_data")).json()["credit_claims"]}
    assert claims == {records["kept"].pk: True, records["withdrawn"].pk: False}
    assert Certificate.objects.filter(revoked_at__isnull=False).count() == 1
