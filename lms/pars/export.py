"""The PARS rows as CSV, one header row, in the order of ACCME's learner template."""

from ..documents.spreadsheet import csv_text

# (header, how the cell is written from a ParsRow); docs/pars.md lists and explains each column.
COLUMNS = [
    ("First Name", lambda row: row.first_name),
    ("Last Name", lambda row: row.last_name),
    ("DOB Month", lambda row: f"{row.birth_month:02d}"),
    ("DOB Day", lambda row: f"{row.birth_day:02d}"),
    ("NPI", lambda row: row.npi),
    ("License State", lambda row: row.license_state),
    # Not stored: PARS needs it beside the state, so it is filled in before upload (docs/pars.md).
    ("License Number", lambda row: ""),
    ("Board ID", lambda row: row.board_id),
    ("Completion Date", lambda row: row.completion_date.strftime("%m/%d/%Y")),
    ("Credit Type", lambda row: row.credit_type),
    ("Credits Claimed", lambda row: row.amount),
    ("MOC Points", lambda row: row.moc_points),
]
HEADERS = [header for header, _ in COLUMNS]


def pars_csv(rows):
    return csv_text(HEADERS, ([cell(row) for _, cell in COLUMNS] for row in rows))


def filename(course, start, end):
    return f"pars-learners-{course.slug}-{start:%Y%m%d}-{end:%Y%m%d}.csv"
