"""The CPE Monitor batch: pharmacists' and technicians' counted ACPE credit in NABP's columns, the
rows CPE Monitor would reject set apart, and completions not reported within ACPE's 60 days."""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail.models import PageLogEntry

from courses.models import AcpeActivity, CreditDesignation, CreditType
from lms.cpe_monitor.reporting import late_completions, record_batch
from lms.cpe_monitor.rows import cpe_rows
from lms.models import CpeMonitorBatch, CpeMonitorReport
from tests.factories import MemberFactory

from .conftest import certify, complete
from .cpe_monitor_columns import COLUMNS, HEADERS
from .labelled_buttons import download_buttons

ACPE = CreditType.ACPE_CONTACT_HOURS
PHARMACIST_UAN, TECHNICIAN_UAN = "JA0000000-0000-26-001-H01-P", "JA0000000-0000-26-001-H01-T"
START, END = datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)
IN_RANGE = datetime.date(2026, 3, 15)
URL = "/admin/cme-records/cpe-monitor/"


@pytest.fixture
def course(activity_with_moc):
    CreditDesignation.objects.create(
        page=activity_with_moc, credit_type=CreditType.objects.get(code=ACPE), max_amount=Decimal("1.00")
    )
    AcpeActivity.objects.create(page=activity_with_moc, pharmacist_uan=PHARMACIST_UAN, technician_uan=TECHNICIAN_UAN)
    return activity_with_moc


@pytest.fixture
def data(course):
    """One learner per case, each claiming ACPE credit on a completion in March 2026 unless said otherwise."""
    people = {
        "pharmacist": MemberFactory(
            first_name="Pia", last_name="Able", degree="PharmD", nabp_eprofile_id="1234567", birth_month=4, birth_day=9
        ),
        "technician": MemberFactory(
            first_name="Tom", last_name="Tech", degree="CPhT", nabp_eprofile_id="765432", birth_month=12, birth_day=31
        ),
        "no_eprofile": MemberFactory(first_name="Nia", last_name="Noid", degree="RPh", birth_month=1, birth_day=2),
        "revoked": MemberFactory(
            first_name="Rex", last_name="Voked", degree="RPh", nabp_eprofile_id="2345678", birth_month=5, birth_day=6
        ),
        "physician": MemberFactory(first_name="Doc", last_name="Tor", degree="MD", birth_month=7, birth_day=8),
        "later": MemberFactory(
            first_name="Lou", last_name="Later", degree="RPh", nabp_eprofile_id="3456789", birth_month=9, birth_day=10
        ),
    }
    complete(people["pharmacist"], course, IN_RANGE, {ACPE: "1.00"}, consent=False)
    complete(people["technician"], course, IN_RANGE, {ACPE: "0.75"})
    complete(people["no_eprofile"], course, IN_RANGE, {ACPE: "1.00"})
    revoked = complete(people["revoked"], course, IN_RANGE, {ACPE: "1.00"})
    certify(revoked)
    revoked.certificates.update(revoked_at=timezone.now(), revoked_reason="Attendance not verified.")
    complete(people["physician"], course, IN_RANGE, {ACPE: "1.00"})
    complete(people["later"], course, datetime.date(2026, 4, 1), {ACPE: "1.00"})
    return people


def parsed(content):
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_file_parsed_back_matches_the_column_definitions(admin_client, course, data):
    response = admin_client.get(
        URL, {"course": course.pk, "start": START.isoformat(), "end": END.isoformat(), "format": "csv"}
    )
    assert response["Content-Type"].startswith("text/csv")
    header, *lines = parsed(response.content)
    assert header == HEADERS
    for line in lines:
        assert len(line) == len(COLUMNS)
        for (name, shape), cell in zip(COLUMNS, line, strict=True):
            assert re.fullmatch(shape, cell), f"{name}: {cell!r}"
        cells = dict(zip(HEADERS, line, strict=True))
        assert cells["UAN"].endswith("-" + cells["Participant Type"])
        assert Decimal(cells["CEUs"]) == Decimal(cells["Contact Hours"]) / 10
    assert sorted(lines) == sorted(
        [
            ["1234567", "0409", PHARMACIST_UAN, "03/15/2026", "P", "1.00", "0.100"],
            ["765432", "1231", TECHNICIAN_UAN, "03/15/2026", "T", "0.75", "0.075"],
        ]
    )


def test_a_missing_eprofile_id_is_rejected_with_the_reason(course, data):
    rows, rejected = cpe_rows(course, START, END)
    (row,) = rejected
    assert row.member_id == data["no_eprofile"].member_id
    assert row.reasons == ["missing NABP e-Profile ID"]
    assert data["no_eprofile"].member_id not in {row.member_id for row in rows}


def test_revoked_credit_and_non_pharmacists_are_in_neither_list(course, data):
    rows, rejected = cpe_rows(course, START, END)
    listed = {row.member_id for row in rows + rejected}
    assert data["revoked"].member_id not in listed
    assert data["physician"].member_id not in listed
    assert data["later"].member_id not in listed


def test_a_missing_uan_for_the_participant_type_is_a_reason(course, data):
    course.acpe_details.update(technician_uan="")
    _, rejected = cpe_rows(course, START, END)
    technician = next(row for row in rejected if row.member_id == data["technician"].member_id)
    assert technician.reasons == ["the activity has no UAN for pharmacy technicians"]


def test_admin_previews_and_each_download_is_kept_as_a_batch_and_in_the_audit_log(admin_client, course, data):
    query = {"course": course.pk, "start": START.isoformat(), "end": END.isoformat()}
    html = admin_client.get(URL, query).content.decode()
    assert "Ready for CPE Monitor: 2 rows" in html
    assert "Not exported: 1 row" in html and "missing NABP e-Profile ID" in html
    ((href, label),) = download_buttons(html)
    assert label == "Download CSV" and "format=csv" in href
    assert not CpeMonitorBatch.objects.exists()

    admin_client.get(URL, {**query, "format": "csv"})
    batch = CpeMonitorBatch.objects.get()
    assert (batch.course_id, batch.start, batch.end) == (course.pk, START, END)
    assert {report.claim.completion.member_id for report in CpeMonitorReport.objects.filter(batch=batch)} == {
        data["pharmacist"].pk,
        data["technician"].pk,
    }
    assert PageLogEntry.objects.filter(action="cme_lms.cpe_monitor_export", page=course).count() == 1


def test_end_before_start_is_refused_and_nothing_is_recorded(admin_client, course):
    response = admin_client.get(URL, {"course": course.pk, "start": "2026-03-31", "end": "2026-03-01", "format": "csv"})
    assert "The end date cannot be before the start date." in response.content.decode()
    assert not CpeMonitorBatch.objects.exists()


def reported_on(course, day, start=START, end=END):
    rows, _ = cpe_rows(course, start, end)
    batch = record_batch(course, start, end, rows, None)
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    CpeMonitorBatch.objects.filter(pk=batch.pk).update(downloaded_at=moment)


def test_completions_not_reported_within_60_days_are_flagged(course, data):
    # Completed 15 March: reporting is due by 14 May.
    assert late_completions(course, today=datetime.date(2026, 5, 14)) == []
    late = late_completions(course, today=datetime.date(2026, 5, 20))
    assert {entry.learner for entry in late} == {
        f"{first} {last} ({data[key].member_id})"
        for key, first, last in (
            ("pharmacist", "Pia", "Able"),
            ("technician", "Tom", "Tech"),
            ("no_eprofile", "Nia", "Noid"),
        )
    }
    pia = next(entry for entry in late if entry.learner.startswith("Pia"))
    assert (pia.deadline, pia.reported_on, pia.days_late) == (datetime.date(2026, 5, 14), None, 6)


def test_a_report_in_time_clears_the_flag_and_a_late_one_keeps_it(course, data):
    reported_on(course, datetime.date(2026, 4, 2))
    late = late_completions(course, today=datetime.date(2026, 6, 30))
    # Only the learner whose row was rejected is still unreported; the one completed 1 April was never reported.
    assert {entry.learner.split(" (")[0] for entry in late} == {"Nia Noid", "Lou Later"}
    reported_on(course, datetime.date(2026, 6, 15), start=datetime.date(2026, 4, 1), end=datetime.date(2026, 4, 1))
    lou = next(e for e in late_completions(course, today=datetime.date(2026, 6, 30)) if e.learner.startswith("Lou"))
    assert (lou.reported_on, lou.days_late) == (datetime.date(2026, 6, 15), 15)


def test_the_screen_flags_late_completions(admin_client, course, data):
    html = admin_client.get(URL, {"course": course.pk, "start": START.isoformat(), "end": END.isoformat()}).content
    # The completions of March are past 14 May by the time these tests run.
    assert "Not reported within 60 days: 4 completions" in html.decode()
