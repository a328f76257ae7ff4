"""The learner file parsed back matches ACCME's template column for column, and carries only the
learners who may be reported, with CME and MOC on one row and corrections as deletion rows."""

import datetime

import pytest
from django.utils import timezone

from lms.models import Certificate, ExportMode, FileFormat, ParsBatch, RowAction
from lms.pars.export import tab_delimited_bytes, xlsx_bytes
from lms.pars.rows import pars_rows
from lms.services.pars_batches import plan, record_batch

from .conftest import DAY, HEADERS, PARS_ID, as_dicts, complete, learner, tab_table, xlsx_table

CME_ONLY = {
    "ACCME Activity ID": PARS_ID,
    "First Name": "Ada",
    "Last Name": "Able",
    "DOB Month": "04",
    "DOB Day": "09",
    "Completion Date": "03/15/2026",
    "NPI": "1234567893",
    "CME Credit Type": "AMA PRA Category 1",
    "CME Credits": "1.00",
    "Board": "",
    "Board ID": "",
    "MOC Credit Type": "",
    "MOC Points": "",
    "Licensing Board": "",
    "License Number": "",
    "Action": "Add",
}


def ready(reporting):
    rows, _ = pars_rows(reporting, DAY, DAY)
    return rows


@pytest.mark.parametrize("write, read", [(xlsx_bytes, xlsx_table), (tab_delimited_bytes, tab_table)])
def test_cme_only_is_one_row_in_the_templates_columns_and_formats(reporting, activity_with_board_moc, write, read):
    complete(learner(first_name="Ada", last_name="Able", npi="1234567893"), activity_with_board_moc, cme="1.00")
    table = read(write(ready(reporting)))
    assert table[0] == HEADERS
    assert as_dicts(table) == [CME_ONLY]


def test_cme_and_abim_moc_travel_on_one_row(reporting, activity_with_board_moc):
    complete(
        learner(first_name="Ada", last_name="Able", npi="1234567893"),
        activity_with_board_moc,
        cme="1.00",
        moc={"ABIM": ("0.75", "ABIM-778", True)},
    )
    (row,) = as_dicts(xlsx_table(xlsx_bytes(ready(reporting))))
    assert row == {
        **CME_ONLY,
        "Board": "ABIM",
        "Board ID": "ABIM-778",
        "MOC Credit Type": "ABIM Medical Knowledge",
        "MOC Points": "0.75",
    }


def test_moc_without_the_boards_consent_is_not_reported(reporting, activity_with_board_moc):
    complete(learner(npi="1234567893"), activity_with_board_moc, cme="1.00", moc={"ABIM": ("0.75", "ABIM-778", False)})
    (row,) = ready(reporting)
    assert (row.cells["Board"], row.cells["MOC Points"], row.cells["CME Credits"]) == ("", "", "1.00")


def test_partial_points_of_an_all_or_nothing_board_are_refused_with_the_reason(reporting, activity_with_board_moc):
    member = learner(npi="1234567893")
    complete(member, activity_with_board_moc, moc={"ABP": ("0.50", "ABP-1", True)})
    rows, rejected = pars_rows(reporting, DAY, DAY)
    assert rows == []
    (row,) = rejected
    assert row.reasons == ["ABP takes only the full 0.75 points, 0.50 claimed"]
    assert row.member_id == member.member_id


def test_non_physicians_are_not_reported_for_ama_credit(reporting, activity_with_board_moc):
    complete(learner(degree="PA", npi="1234567893"), activity_with_board_moc, cme="1.00")
    assert pars_rows(reporting, DAY, DAY) == ([], [])


def test_learners_who_did_not_consent_are_not_reported(reporting, activity_with_board_moc):
    complete(learner(npi="1234567893"), activity_with_board_moc, cme="1.00", consent=False)
    assert pars_rows(reporting, DAY, DAY) == ([], [])


def test_a_state_licence_is_reported_only_with_the_learners_consent(reporting, activity_with_board_moc):
    consented = learner(
        last_name="Consented", license_states="NY, NJ", license_number="NY-209876", license_report_consent=True
    )
    withheld = learner(
        last_name="Withheld", npi="1234567893", license_states="NY", license_number="NY-1", license_report_consent=False
    )
    complete(consented, activity_with_board_moc, cme="1.00")
    complete(withheld, activity_with_board_moc, cme="1.00")
    rows = {row.cells["Last Name"]: row.cells for row in ready(reporting)}
    assert (rows["Consented"]["Licensing Board"], rows["Consented"]["License Number"]) == ("NY", "NY-209876")
    assert (rows["Withheld"]["Licensing Board"], rows["Withheld"]["License Number"]) == ("", "")


def test_without_npi_or_consented_licence_cme_is_held_back(reporting, activity_with_board_moc):
    complete(learner(license_states="NY", license_number="NY-1"), activity_with_board_moc, cme="1.00")
    ((), (row,)) = pars_rows(reporting, DAY, DAY)
    assert row.reasons == ["missing NPI or consented state licence (CME)"]


def test_a_batch_then_new_since_the_last_batch_gives_only_the_new_learners(
    reporting, activity_with_board_moc, society_admin
):
    complete(learner(last_name="First", npi="1234567893"), activity_with_board_moc, cme="1.00")
    batch, rows = record_batch(activity_with_board_moc, society_admin, ExportMode.ALL, FileFormat.XLSX, DAY, DAY)
    assert [row.cells["Last Name"] for row in rows] == ["First"]
    assert [row.cells["Last Name"] for row in batch.rows.all()] == ["First"]
    complete(learner(last_name="Second", npi="1245319599"), activity_with_board_moc, cme="0.50")
    assert [row.cells["Last Name"] for row in plan(reporting, ExportMode.NEW).rows] == ["Second"]
    record_batch(activity_with_board_moc, society_admin, ExportMode.NEW, FileFormat.TAB)
    assert plan(reporting, ExportMode.NEW).rows == []
    assert ParsBatch.objects.count() == 2


def test_credit_revoked_after_reporting_gives_a_deletion_row(reporting, activity_with_board_moc, society_admin):
    completion = complete(
        learner(first_name="Ada", last_name="Able", npi="1234567893"), activity_with_board_moc, cme="1.00"
    )
    record_batch(activity_with_board_moc, society_admin, ExportMode.ALL, FileFormat.XLSX, DAY, DAY)
    assert plan(reporting, ExportMode.CORRECTIONS).rows == []
    Certificate.objects.create(
        completion=completion,
        code="REVOKED-1",
        snapshot={},
        revoked_at=timezone.now(),
        revoked_reason="Attendance not confirmed",
    )
    batch, rows = record_batch(activity_with_board_moc, society_admin, ExportMode.CORRECTIONS, FileFormat.TAB)
    assert as_dicts(tab_table(tab_delimited_bytes(rows))) == [{**CME_ONLY, "Action": "Delete"}]
    assert list(batch.rows.values_list("action", flat=True)) == [RowAction.DELETE]
    assert plan(reporting, ExportMode.CORRECTIONS).rows == [], "a deletion reported is not asked for again"


def test_changed_credit_is_deleted_and_sent_again(reporting, activity_with_board_moc, society_admin):
    completion = complete(learner(npi="1234567893"), activity_with_board_moc, cme="1.00")
    record_batch(activity_with_board_moc, society_admin, ExportMode.ALL, FileFormat.XLSX, DAY, DAY)
    completion.claims.update(amount="0.75")
    rows = plan(reporting, ExportMode.CORRECTIONS).rows
    assert [(row.cells["Action"], row.cells["CME Credits"]) for row in rows] == [("Delete", "1.00"), ("Add", "0.75")]


def test_an_empty_batch_is_refused_and_writes_nothing(reporting, activity_with_board_moc, society_admin):
    from content.refusals import Refused

    with pytest.raises(Refused, match="Nothing to report"):
        record_batch(activity_with_board_moc, society_admin, ExportMode.NEW, FileFormat.XLSX, datetime.date(2025, 1, 1))
    assert not ParsBatch.objects.exists()


def test_anonymizing_a_reported_learner_removes_their_identifiers_from_the_batches(
    reporting, activity_with_board_moc, society_admin
):
    from lms.services.members import anonymize_member

    member = learner(first_name="Ada", last_name="Able", npi="1234567893")
    complete(member, activity_with_board_moc, cme="1.00", moc={"ABIM": ("0.75", "ABIM-778", True)})
    batch, _ = record_batch(activity_with_board_moc, society_admin, ExportMode.ALL, FileFormat.XLSX, DAY, DAY)
    anonymize_member(member, society_admin, "Erasure request")
    (row,) = batch.rows.all()
    assert row.cells == {
        **CME_ONLY,
        "First Name": "Anonymized",
        "Last Name": "learner",
        "DOB Month": "",
        "DOB Day": "",
        "NPI": "",
        "Board": "ABIM",
        "Board ID": "(diplomate id removed)",
        "MOC Credit Type": "ABIM Medical Knowledge",
        "MOC Points": "0.75",
    }
    assert plan(reporting, ExportMode.CORRECTIONS).rows == [], "no one is left to correct"
    assert plan(reporting, ExportMode.ALL, DAY, DAY).rejected == []
