"""The coordinator's PARS screen: setting the activity's PARS id, the refusal without it, the
preview, where the activity stands, and a download that is kept as a batch and in the history."""

import datetime

import pytest
from wagtail.models import PageLogEntry

from lms.models import ActivityReporting, ParsBatch
from lms.services.pars_batches import open_reporting_year

from .conftest import HEADERS, PARS_ID, as_dicts, complete, learner, xlsx_table

URL = "/admin/cme-records/pars/"


@pytest.fixture
def ada(activity_with_board_moc):
    return complete(learner(first_name="Ada", last_name="Able", npi="1234567893"), activity_with_board_moc, cme="1.00")


def test_export_is_refused_without_a_pars_activity_id_naming_where_to_set_it(
    admin_client, activity_with_board_moc, ada
):
    html = admin_client.get(URL, {"course": activity_with_board_moc.pk}).content.decode()
    assert "Pain basics has no PARS activity id" in html
    assert "PARS settings of the activity" in html
    response = admin_client.post(URL, {"course": activity_with_board_moc.pk, "mode": "all", "file_format": "xlsx"})
    assert response.status_code == 200
    assert "has no PARS activity id" in response.content.decode()
    assert not ParsBatch.objects.exists()
    assert not PageLogEntry.objects.filter(action="cme_lms.pars_export").exists()


def test_the_pars_id_must_be_a_number(admin_client, activity_with_board_moc):
    response = admin_client.post(
        URL,
        {"course": activity_with_board_moc.pk, "action": "settings", "pars_activity_id": "ABC-12", "report_cme": "on"},
    )
    assert "A PARS activity id is the number PARS gave the activity." in response.content.decode()
    assert not ActivityReporting.objects.exists()


def test_coordinator_sets_the_id_previews_and_downloads_the_excel_file(admin_client, activity_with_board_moc, ada):
    response = admin_client.post(
        URL,
        {
            "course": activity_with_board_moc.pk,
            "action": "settings",
            "pars_activity_id": PARS_ID,
            "report_cme": "on",
            "report_moc": "on",
        },
    )
    assert response.status_code == 302
    assert ActivityReporting.objects.get(course=activity_with_board_moc).pars_activity_id == PARS_ID
    assert PageLogEntry.objects.filter(action="cme_lms.pars_settings", page=activity_with_board_moc).exists()

    html = admin_client.get(URL, {"course": activity_with_board_moc.pk, "mode": "new"}).content.decode()
    assert "Ready for PARS: 1 row" in html
    assert "Pending: 1 row ready" in html

    response = admin_client.post(URL, {"course": activity_with_board_moc.pk, "mode": "new", "file_format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    table = xlsx_table(response.content)
    assert table[0] == HEADERS
    assert [(row["ACCME Activity ID"], row["Last Name"]) for row in as_dicts(table)] == [(PARS_ID, "Able")]
    batch = ParsBatch.objects.get()
    assert (batch.created_by.username, batch.mode, batch.rows.count()) == ("coordinator", "new", 1)
    entry = PageLogEntry.objects.get(action="cme_lms.pars_export", page=activity_with_board_moc)
    assert entry.data["batch"] == batch.pk and entry.data["rows"] == 1

    html = admin_client.get(URL, {"course": activity_with_board_moc.pk}).content.decode()
    assert "Reported: 1 row" in html and "Pending: 0 rows" in html
    assert f"<td>#{batch.pk}</td>" in html


def test_rejected_rows_are_listed_apart_with_their_reasons(admin_client, activity_with_board_moc, reporting):
    complete(
        learner(last_name="Nobirth", birth_month=None, birth_day=None, npi="1234567893"),
        activity_with_board_moc,
        cme="1.00",
    )
    html = admin_client.get(URL, {"course": activity_with_board_moc.pk, "mode": "all"}).content.decode()
    assert "Not reportable: 1 row" in html
    assert "missing month and day of birth" in html


@pytest.mark.parametrize(
    "today, year, deadline",
    [
        (datetime.date(2026, 12, 3), 2026, datetime.date(2027, 3, 31)),
        (datetime.date(2027, 3, 31), 2026, datetime.date(2027, 3, 31)),
        (datetime.date(2027, 4, 1), 2027, datetime.date(2028, 3, 31)),
    ],
)
def test_the_open_reporting_year_ends_on_accmes_deadline(today, year, deadline):
    assert open_reporting_year(today) == (year, deadline)


def test_the_deadline_is_a_setting(settings):
    settings.LMS = {"PARS_LEARNER_DEADLINE": "01-15"}
    assert open_reporting_year(datetime.date(2027, 1, 10)) == (2026, datetime.date(2027, 1, 15))


@pytest.mark.parametrize("value", ["3/31", "02-29", "13-01", "3-31", None])
def test_a_deadline_that_is_not_a_day_of_every_year_is_a_system_error(settings, value):
    from lms.checks import record_settings

    settings.LMS = {"PARS_LEARNER_DEADLINE": value}
    assert "lms.E007" in [error.id for error in record_settings(None)]


def test_the_default_deadline_passes_the_system_check():
    from lms.checks import record_settings

    assert "lms.E007" not in [error.id for error in record_settings(None)]
