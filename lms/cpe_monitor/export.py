"""The CPE Monitor rows as CSV, one header row; docs/cpe-monitor.md lists and explains each column."""

from content.spreadsheet import csv_text

COLUMNS = [
    ("NABP e-Profile ID", lambda row: row.eprofile_id),
    ("Date of Birth (MMDD)", lambda row: f"{row.birth_month:02d}{row.birth_day:02d}"),
    ("UAN", lambda row: row.uan),
    ("Participation Date", lambda row: row.participation_date.strftime("%m/%d/%Y")),
    ("Participant Type", lambda row: row.participant_type),
    ("Contact Hours", lambda row: f"{row.contact_hours:.2f}"),
    ("CEUs", lambda row: f"{row.ceus:.3f}"),
]
HEADERS = [header for header, _ in COLUMNS]


def cpe_monitor_csv(rows):
    return csv_text(HEADERS, ([cell(row) for _, cell in COLUMNS] for row in rows))


def filename(course, start, end):
    return f"cpe-monitor-{course.slug}-{start:%Y%m%d}-{end:%Y%m%d}.csv"
