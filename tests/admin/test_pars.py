import csv
import datetime
import io

import pytest
from wagtail.models import PageLogEntry

from lms.pars.export import HEADERS
from lms.pars.rows import pars_rows
from tests.factories import MemberFactory

from .conftest import AMA, complete
from .labelled_buttons import download_buttons

START, END = datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)
IN_RANGE = datetime.date(2026, 3, 15)
COMPLETE = dict(npi="1234567893", birth_month=4, birth_day=9, board_id="ABIM-77")


@pytest.fixture
def data(course):
    """One learner per case, each completing the activity in March 2026 unless said otherwise."""
    people = {
        "complete": MemberFactory(first_name="Ada", last_name="Able", **COMPLETE),
        "no_birth": MemberFactory(first_name="Ben", last_name="Birth", npi="1245319599"),
        "license_only": MemberFactory(
            first_name="Cy", last_name="License", birth_month=1, birth_day=2, license_states="NY, NJ"
        ),
        "no_identifier": MemberFactory(first_name="Di", last_name="Nobody", birth_month=1, birth_day=2),
        "no_board": MemberFactory(first_name="Ed", last_name="Board", birth_month=5, birth_day=6, npi="1003000126"),
        "no_name": MemberFactory(first_name=" ", last_name="Blank", birth_month=5, birth_day=6, npi="1003000134"),
        "no_consent": MemberFactory(first_name="Flo", last_name="Private", **{**COMPLETE, "npi": "1003000142"}),
        "too_late": MemberFactory(first_name="Gus", last_name="Later", **{**COMPLETE, "npi": "1003000159"}),
    }
    complete(people["complete"], course, IN_RANGE, {AMA: "1.00", "moc-abim": "1.00"})
    complete(people["no_birth"], course, IN_RANGE, {AMA: "0.75"})
    complete(people["license_only"], course, IN_RANGE, {AMA: "0.50"})
    complete(people["no_identifier"], course, IN_RANGE, {AMA: "0.50"})
    complete(people["no_board"], course, IN_RANGE, {AMA: "1.00", "moc-abim": "0.75"})
    complete(people["no_name"], course, IN_RANGE, {AMA: "1.00"})
    complete(people["no_consent"], course, IN_RANGE, {AMA: "1.00"}, consent=False)
    complete(people["too_late"], course, datetime.date(2026, 4, 1), {AMA: "1.00"})
    return people


def by_learner(rows):
    found = {}
    for row in rows:
        found.setdefault(row.member_id, []).append(row)
    return found


def test_complete_records_are_exported_with_moc_points_and_board_id(course, data):
    rows, _ = pars_rows(course, START, END)
    ada = {row.credit_type: row for row in by_learner(rows)[data["complete"].member_id]}
    moc = ada.pop("ABIM MOC points")
    (cme,) = ada.values()
    assert (moc.first_name, moc.last_name, moc.birth_month, moc.birth_day) == ("Ada", "Able", 4, 9)
    assert (moc.npi, moc.board_id, moc.amount, moc.moc_points) == ("1234567893", "ABIM-77", "1.00", "1.00")
    assert moc.completion_date == IN_RANGE
    assert (cme.amount, cme.moc_points, cme.board_id) == ("1.00", "", "")


def test_state_license_stands_in_for_a_missing_npi(course, data):
    rows, _ = pars_rows(course, START, END)
    (row,) = by_learner(rows)[data["license_only"].member_id]
    assert (row.npi, row.license_state, row.needs_license_number) == ("", "NY", True)


@pytest.mark.parametrize(
    "who, reason",
    [
        ("no_birth", "missing month and day of birth"),
        ("no_identifier", "missing NPI and state license"),
        ("no_board", "missing board ID (MOC points claimed)"),
        ("no_name", "missing first name"),
    ],
)
def test_incomplete_records_are_listed_apart_with_the_reason(course, data, who, reason):
    rows, rejected = pars_rows(course, START, END)
    member_id = data[who].member_id
    reasons = [row.reasons for row in rejected if row.member_id == member_id]
    assert [reason] in reasons
    assert all(reason not in row.reasons for row in rows)


def test_a_missing_board_id_holds_back_only_the_moc_row(course, data):
    rows, rejected = pars_rows(course, START, END)
    member_id = data["no_board"].member_id
    assert [row.moc_points for row in by_learner(rows)[member_id]] == [""]
    assert [row.credit_type for row in by_learner(rejected)[member_id]] == ["ABIM MOC points"]


def test_consent_and_dates_decide_who_is_reported_at_all(course, data):
    rows, rejected = pars_rows(course, START, END)
    listed = {row.member_id for row in rows + rejected}
    assert data["no_consent"].member_id not in listed
    assert data["too_late"].member_id not in listed
    assert data["too_late"].member_id in {
        row.member_id for row in pars_rows(course, START, datetime.date(2026, 4, 1))[0]
    }


def test_admin_previews_both_lists_and_downloads_the_valid_rows(admin_client, course, data):
    query = {"course": course.pk, "start": "2026-03-01", "end": "2026-03-31"}
    html = admin_client.get("/admin/cme-records/pars/", query).content.decode()
    assert "Ready for PARS: 4 rows" in html
    assert "Not exported: 4 rows" in html
    assert "missing month and day of birth" in html
    ((href, label),) = download_buttons(html)
    assert label == "Download CSV" and "format=csv" in href

    response = admin_client.get("/admin/cme-records/pars/", {**query, "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf"), "the UTF-8 byte-order mark, as every CSV download"
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert table[0] == HEADERS
    assert len(table) == 1 + 4
    ada = next(line for line in table if line[1] == "Able" and line[HEADERS.index("MOC Points")])
    assert ada[HEADERS.index("DOB Month")] == "04"
    assert ada[HEADERS.index("Completion Date")] == "03/15/2026"
    assert ada[HEADERS.index("Board ID")] == "ABIM-77"
    assert "Birth" not in response.content.decode()
    assert PageLogEntry.objects.filter(action="cme_lms.pars_export", page=course).exists()


def test_end_before_start_is_refused(admin_client, course):
    response = admin_client.get(
        "/admin/cme-records/pars/", {"course": course.pk, "start": "2026-03-31", "end": "2026-03-01"}
    )
    assert "The end date cannot be before the start date." in response.content.decode()


def test_the_page_explains_the_export_and_where_to_set_things(admin_client):
    html = admin_client.get("/admin/cme-records/pars/").content.decode()
    assert "What this export is for" in html
    assert "Program and Activity Reporting System" in html
    assert 'href="/admin/snippets/cme_lms/member/"' in html
    assert 'href="/admin/snippets/cme_courses/credittype/"' in html
    assert "batch upload" in html
    assert "docs/" not in html, "the admin explains itself, not by naming a file of the code"
