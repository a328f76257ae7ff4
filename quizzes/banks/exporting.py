"""Downloading a bank as GIFT or CSV, recorded in the audit log (what left the site, and who took it)."""

from dataclasses import dataclass

from django.utils.text import slugify
from wagtail.log_actions import log

from .csv_rows import write_csv
from .gift import write_gift

EXPORT_ACTION = "cme_quizzes.export_questions"


@dataclass(frozen=True)
class ExportedBank:
    filename: str
    content_type: str
    text: str


WRITERS = {
    "gift": (write_gift, "gift.txt", "text/plain; charset=utf-8"),
    "csv": (write_csv, "csv", "text/csv; charset=utf-8"),
}


def export_bank(bank, file_format, user):
    writer, extension, content_type = WRITERS[file_format]
    questions = list(bank.questions.order_by("sort_order", "pk"))
    text = writer(questions)
    log(instance=bank, action=EXPORT_ACTION, user=user, data={"format": file_format, "questions": len(questions)})
    return ExportedBank(f"{slugify(bank.name) or 'question-bank'}.{extension}", content_type, text)
