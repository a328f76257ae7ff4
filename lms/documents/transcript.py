"""A member's CME transcript as PDF and as CSV."""

from django.template.loader import render_to_string

from content.numbers import credit_amount
from content.spreadsheet import csv_text

from .pdf import html_to_pdf

CSV_FIELDS = ["completion_date", "activity", "credit_type", "amount", "certificate_code"]


def render_transcript_pdf(context: dict) -> bytes:
    return html_to_pdf(render_to_string("lms/transcript_pdf.html", context))


def transcript_csv(rows) -> str:
    """Rows are dicts keyed like ``CSV_FIELDS`` (the transcript context's ``rows``)."""
    return csv_text(
        CSV_FIELDS,
        ([credit_amount(row[f]) if f == "amount" else row[f] for f in CSV_FIELDS] for row in rows),
    )
