"""The learner file in ACCME's two template formats: the Excel workbook and tab-delimited text.

Every cell is written as text, so months, days and ids keep their leading zeros and dates their
MM/DD/YYYY form, as the template's instructions ask.
"""

import io

from django.http import HttpResponse
from openpyxl import Workbook

from ..models import FileFormat
from .template import HEADERS

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_TITLE = "Learners"


def xlsx_bytes(rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row.values)
    for column in sheet.iter_cols():
        for cell in column:
            cell.number_format = "@"
            # openpyxl takes text starting with "=" for a formula; a learner's name is never run.
            if cell.data_type == "f":
                cell.data_type = "s"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def tab_delimited_bytes(rows):
    # Tabs and line breaks inside a value would move the columns; PARS reads plain text cells.
    lines = ["\t".join(HEADERS)] + ["\t".join(" ".join(value.split()) for value in row.values) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def filename(batch):
    return f"pars-learners-{batch.pars_activity_id}-batch-{batch.pk}.{batch.file_format}"


def file_response(batch, rows):
    if batch.file_format == FileFormat.XLSX:
        content, content_type = xlsx_bytes(rows), XLSX_TYPE
    else:
        content, content_type = tab_delimited_bytes(rows), "text/plain; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename(batch)}"'
    return response
