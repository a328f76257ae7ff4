"""Reporting batches for PARS: what was sent, what is pending, and the one rule that writes a batch.

A completion's reported rows are those of its last batch row actions: an "Add" reports a row, a
"Delete" takes it back. A batch and its rows are written in the transaction that answers the
download, so a file that left the site is always on record, and no file leaves unrecorded.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from wagtail.log_actions import log

from content.refusals import Refused

from ..conf import lms_settings
from ..models import ActivityReporting, ExportMode, ParsBatch, ParsBatchRow, RowAction
from ..pars import template as t
from ..pars.rows import ParsRow, completions_in, current_rows
from .society_time import society_date

EXPORT_ACTION = "cme_lms.pars_export"
SETTINGS_ACTION = "cme_lms.pars_settings"
BATCHES_SHOWN = 20
WHERE_TO_SET_ID = "CME records → PARS export → PARS settings of the activity"


def reporting_of(course, lock=False):
    """The activity's PARS settings (its row locked with `lock`); refused while it has no PARS activity id."""
    settings = ActivityReporting.objects.select_for_update() if lock else ActivityReporting.objects
    reporting = settings.select_related("course").filter(course=course).first()
    if reporting is None or not reporting.pars_activity_id:
        raise Refused(
            f"{course.title} has no PARS activity id: set it under {WHERE_TO_SET_ID} before exporting.",
            field="course",
        )
    return reporting


def save_reporting(course, user, pars_activity_id, report_cme, report_moc):
    with transaction.atomic():
        reporting, created = ActivityReporting.objects.select_for_update().update_or_create(
            course=course,
            defaults={"pars_activity_id": pars_activity_id, "report_cme": report_cme, "report_moc": report_moc},
        )
        log(
            instance=course,
            action=SETTINGS_ACTION,
            user=user,
            data={"pars_activity_id": pars_activity_id, "report_cme": report_cme, "report_moc": report_moc},
        )
    return reporting


def reported(course):
    """{completion id: {board code: cells}} standing in PARS after every batch of the activity."""
    state = {}
    for row in ParsBatchRow.objects.filter(batch__course=course).order_by("batch__created_at", "batch_id", "pk"):
        sent = state.setdefault(row.completion_id, {})
        if row.action == RowAction.ADD:
            sent[row.board_code] = row.cells
        else:
            sent.pop(row.board_code, None)
    return {completion: sent for completion, sent in state.items() if sent}


def deletion(completion_id, board_code, cells):
    return ParsRow(completion_id, "", board_code, {**cells, t.ACTION: t.DELETE})


@dataclass
class Plan:
    """The rows a batch would send, and the rows held back with their reasons."""

    rows: list = field(default_factory=list)
    rejected: list = field(default_factory=list)


def plan(reporting, mode, start=None, end=None):
    course = reporting.course
    sent = reported(course)
    if mode == ExportMode.CORRECTIONS:
        return _corrections(reporting, sent)
    found = current_rows(reporting, completions_in(course, start, end))
    rejected = [row for row in found if row.reasons]
    rows = [row for row in found if not row.reasons]
    if mode == ExportMode.NEW:
        rows = [row for row in rows if row.completion_id not in sent]
        rejected = [row for row in rejected if row.completion_id not in sent]
    return Plan(rows, rejected)


def _corrections(reporting, sent):
    """Deletions of rows sent that no longer stand (credit revoked, consent withdrawn, amounts
    changed), each followed by the row as it stands now, if it may be reported."""
    completions = completions_in(reporting.course).filter(pk__in=sent)
    now = {pk: [] for pk in completions.values_list("pk", flat=True)}
    for row in current_rows(reporting, completions):
        now[row.completion_id].append(row)
    result = Plan()
    for completion_id, current in now.items():
        boards = sent[completion_id]
        valid = [row for row in current if not row.reasons]
        if {row.board_code: _comparable(row.cells) for row in valid} == {
            code: _comparable(cells) for code, cells in boards.items()
        }:
            continue
        result.rows += [deletion(completion_id, code, cells) for code, cells in sorted(boards.items())]
        result.rows += valid
        result.rejected += [row for row in current if row.reasons]
    return result


def _comparable(cells):
    return {header: value for header, value in cells.items() if header != t.ACTION}


def record_batch(course, user, mode, file_format, start=None, end=None):
    """Write the batch of `mode` for `course` with its rows; return (batch, rows) to write the file.

    The activity's settings row is locked first, so two coordinators downloading "new since the
    last batch" at once get one batch each, the second without the first's rows.
    """
    with transaction.atomic():
        reporting = reporting_of(course, lock=True)
        rows = plan(reporting, mode, start, end).rows
        if not rows:
            raise Refused("Nothing to report: no row is ready for this file.", field="mode")
        batch = ParsBatch.objects.create(
            course=course,
            pars_activity_id=reporting.pars_activity_id,
            created_by=user,
            file_format=file_format,
            mode=mode,
            start=start,
            end=end,
        )
        ParsBatchRow.objects.bulk_create(
            ParsBatchRow(
                batch=batch,
                completion_id=row.completion_id,
                board_code=row.board_code,
                action=RowAction.ADD if row.cells[t.ACTION] == t.ADD else RowAction.DELETE,
                cells=row.cells,
            )
            for row in rows
        )
        # Learners' identifiers leave the site here, so the download is in the activity's history.
        log(
            instance=course,
            action=EXPORT_ACTION,
            user=user,
            data={
                "batch": batch.pk,
                "mode": mode,
                "format": file_format,
                "start": start.isoformat() if start else None,
                "end": end.isoformat() if end else None,
                "rows": len(rows),
            },
        )
    return batch, rows


# What names the learner in a row kept from a batch, and what replaces it when they are anonymized.
FORGOTTEN_CELLS = {
    t.FIRST_NAME: "Anonymized",
    t.LAST_NAME: "learner",
    t.DOB_MONTH: "",
    t.DOB_DAY: "",
    t.NPI: "",
    t.BOARD_ID: "(diplomate id removed)",
    t.LICENSING_BOARD: "",
    t.LICENSE_NUMBER: "",
}


def forget_learner(member):
    """Remove the member's identifiers from the rows kept of every batch (inside the anonymization);
    the rows stay, with the activity, date, credit and action, as the record that a report was made."""
    for row in ParsBatchRow.objects.filter(completion__member=member):
        row.cells = {**row.cells, **{header: value for header, value in FORGOTTEN_CELLS.items() if header in row.cells}}
        row.save(update_fields=["cells"])


def deadline_for(year):
    month, day = (int(part) for part in lms_settings.PARS_LEARNER_DEADLINE.split("-"))
    return datetime.date(year + 1, month, day)


def open_reporting_year(today=None):
    """The earliest calendar year PARS still takes learner data for, and its last day."""
    today = today or society_date(timezone.now())
    year = today.year - 1 if today <= deadline_for(today.year - 1) else today.year
    return year, deadline_for(year)


@dataclass
class Overview:
    """Where one activity stands with PARS."""

    reported: int
    pending: list
    rejected: list
    corrections: int
    year: int
    deadline: datetime.date
    pending_for_deadline: int
    batches: list


def overview(reporting, today=None):
    course = reporting.course
    sent = reported(course)
    found = current_rows(reporting, completions_in(course))
    pending = [row for row in found if not row.reasons and row.completion_id not in sent]
    rejected = [row for row in found if row.reasons and row.completion_id not in sent]
    year, deadline = open_reporting_year(today)
    suffix = f"/{year}"
    return Overview(
        reported=sum(len(boards) for boards in sent.values()),
        pending=pending,
        rejected=rejected,
        corrections=sum(1 for row in _corrections(reporting, sent).rows if row.cells[t.ACTION] == t.DELETE),
        year=year,
        deadline=deadline,
        pending_for_deadline=sum(1 for row in pending if row.cells[t.COMPLETION_DATE].endswith(suffix)),
        batches=list(
            ParsBatch.objects.filter(course=course)
            .select_related("created_by")
            .annotate(
                added=Count("rows", filter=Q(rows__action=RowAction.ADD)),
                deleted=Count("rows", filter=Q(rows__action=RowAction.DELETE)),
            )[:BATCHES_SHOWN]
        ),
    )
