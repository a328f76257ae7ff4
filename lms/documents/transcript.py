"""A member's CME transcript as PDF and as CSV."""

import csv
import io

from django.template.loader import render_to_string

from .pdf import html_to_pdf

CSV_FIELDS = ["completion_date", "activity", "credit_type", "amount", "certificate_code"]

# Spreadsheet applications evaluate cells starting with these as formulas (OWASP CSV injection).
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def render_transcript_pdf(context: dict) -> bytes:
    return html_to_pdf(render_to_string("lms/transcript_pdf.html", context))


def _safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_PREFIXES) else text


def transcript_csv(rows) -> str:
    """Rows are dicts keyed like ``CSV_FIELDS`` (the transcript context's ``rows``)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_FIELDS)
    for row in rows:
        writer.writerow([_safe_cell(row[field]) for field in CSV_FIELDS])
    return out.getvalue()
