"""Reading the uploaded member file: size, encoding, header and cell count, nothing about the data."""

import csv
import io
from dataclasses import dataclass

COLUMNS = (
    "member_id",
    "first_name",
    "last_name",
    "email",
    "degree",
    "npi",
    "board_id",
    "birth_month",
    "birth_day",
    "membership_status",
    "membership_expires_on",
)
# A file may leave these out: its members then keep the stored values (lms/services/members.py).
OPTIONAL_COLUMNS = ("nabp_eprofile_id",)
MAX_BYTES = 4 * 1024 * 1024  # about 30,000 members; the file is kept in the session until applied


class ImportFileError(Exception):
    """The file as a whole cannot be imported; `message` tells the admin what to fix."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class SourceRow:
    number: int  # as a spreadsheet numbers it: the header is row 1
    values: dict
    problem: str = ""


def decode(raw):
    if len(raw) > MAX_BYTES:
        raise ImportFileError(
            f"The file is {len(raw) / 1024 / 1024:.1f} MB; the limit is {MAX_BYTES // 1024 // 1024} MB. "
            "Split it into smaller files and import them one after the other."
        )
    try:
        # utf-8-sig: spreadsheet programs saving "CSV UTF-8" put a byte-order mark first.
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"The file is not UTF-8 text (byte {error.start + 1} is not valid UTF-8). "
            'Save it as "CSV UTF-8" from your spreadsheet program and upload it again.'
        ) from None


def _check_header(header):
    missing = [name for name in COLUMNS if name not in header]
    unexpected = [name for name in header if name not in COLUMNS + OPTIONAL_COLUMNS]
    repeated = sorted({name for name in header if header.count(name) > 1})
    problems = []
    if missing:
        problems.append(f"Missing columns: {', '.join(missing)}.")
    if unexpected:
        problems.append(f"Unexpected columns: {', '.join(name or '(blank)' for name in unexpected)}.")
    if repeated:
        problems.append(f"Columns named twice: {', '.join(repeated)}.")
    if problems:
        expected = (
            f"The first row must name exactly these columns: {', '.join(COLUMNS)}; "
            f"and may add {', '.join(OPTIONAL_COLUMNS)}."
        )
        raise ImportFileError(" ".join([*problems, expected]))


def read_rows(text):
    """The data rows of the file, each a dict of stripped cells keyed by column name."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip().lower() for name in next(reader, [])]
        if not any(header):
            raise ImportFileError("The file is empty; the first row must name the columns: " + ", ".join(COLUMNS) + ".")
        _check_header(header)
        rows = []
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                rows.append(SourceRow(number, {}, f"expected {len(header)} values, found {len(cells)}"))
                continue
            rows.append(SourceRow(number, {name: cell.strip() for name, cell in zip(header, cells)}))
    except csv.Error as error:
        raise ImportFileError(f"The file is not a readable CSV file near line {reader.line_num}: {error}.") from None
    return rows
