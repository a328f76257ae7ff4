import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal

import segno
import zxingcpp
from django.conf import settings
from django.test import override_settings
from pypdf import PdfReader

from lms.documents import (
    qr_png_data_uri,
    render_certificate_pdf,
    render_transcript_pdf,
    transcript_csv,
)
from lms.documents.pdf import html_to_pdf

VERIFICATION_URL = "https://cme.example.org/certificates/verify/ABCD-EFGH-JKLM-NPQR/"

SNAPSHOT = {
    "learner_name": "Priya Patel",
    "degree": "MD",
    "provider": "The Sample Medical Society",
    "activity_title": "Managing Hypertension in Primary Care",
    "learning_format": "enduring material",
    "completion_date": "2026-11-22",
    "issued_at": "2026-11-22T14:05:00+00:00",
    "code": "ABCD-EFGH-JKLM-NPQR",
    "credits": [{"credit_type": "AMA PRA Category 1 Credit™", "amount": "0.75"}],
    "accreditation_statement": (
        "The Sample Medical Society is accredited by the ACCME to provide continuing medical education for physicians."
    ),
    "designation_statements": [
        "The Sample Medical Society designates this enduring material for a maximum of 0.75 AMA PRA Category 1 Credit™."
    ],
}


def pdf_text(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_certificate_pdf_contains_the_required_text():
    reader, text = pdf_text(render_certificate_pdf(SNAPSHOT, VERIFICATION_URL))

    assert len(reader.pages) == 1
    for expected in [
        "Certificate of Completion",
        "Priya Patel",
        "MD",
        "has completed the enduring material",
        SNAPSHOT["activity_title"],
        "22 November 2026",
        "0.75 AMA PRA Category 1 Credit™ claimed",
        SNAPSHOT["provider"],
        SNAPSHOT["accreditation_statement"],
        SNAPSHOT["designation_statements"][0],
        SNAPSHOT["code"],
    ]:
        assert expected in text


def test_certificate_qr_decodes_to_the_verification_url():
    reader = PdfReader(io.BytesIO(render_certificate_pdf(SNAPSHOT, VERIFICATION_URL)))

    decoded = []
    for image_file in reader.pages[0].images:
        image = image_file.image
        if image.mode not in ("L", "RGB"):
            image = image.convert("L")
        decoded += [barcode.text for barcode in zxingcpp.read_barcodes(image)]

    assert decoded == [VERIFICATION_URL]


def test_certificate_template_can_be_overridden(tmp_path):
    (tmp_path / "lms").mkdir()
    (tmp_path / "lms" / "certificate.html").write_text("<p>Custom certificate for {{ learner_name }}</p>")
    templates = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]

    with override_settings(TEMPLATES=templates):
        _, text = pdf_text(render_certificate_pdf(SNAPSHOT, VERIFICATION_URL))

    assert "Custom certificate for Priya Patel" in text


def transcript_rows():
    return [
        {
            "completion_date": date(2026, 3, 4),
            "activity": "Managing Hypertension in Primary Care",
            "credit_type": "AMA PRA Category 1 Credit™",
            "amount": Decimal("0.75"),
            "certificate_code": "ABCD-EFGH-JKLM-NPQR",
        },
        {
            "completion_date": date(2026, 5, 6),
            "activity": '=HYPERLINK("https://evil.example","Click")',
            "credit_type": "ABIM MOC points",
            "amount": Decimal("1.00"),
            "certificate_code": "",
        },
    ]


def test_transcript_pdf_lists_rows_and_totals():
    context = {
        "learner_name": "Priya Patel",
        "degree": "MD",
        "member_id": "M-000123",
        "period_start": None,
        "period_end": None,
        "rows": transcript_rows(),
        "totals": [
            {"credit_type": "AMA PRA Category 1 Credit™", "amount": Decimal("0.75")},
            {"credit_type": "ABIM MOC points", "amount": Decimal("1.00")},
        ],
        "provider": "The Sample Medical Society",
        "generated_at": datetime(2026, 12, 1, 9, 30, tzinfo=UTC),
    }

    _, text = pdf_text(render_transcript_pdf(context))

    for expected in [
        "CME transcript",
        "Priya Patel, MD",
        "M-000123",
        "All time",
        "Managing Hypertension in Primary Care",
        "ABCD-EFGH-JKLM-NPQR",
        "AMA PRA Category 1 Credit™",
        "ABIM MOC points",
        "0.75",
        "1.00",
        "The Sample Medical Society",
        "1 December 2026",
    ]:
        assert expected in text


def test_transcript_pdf_shows_a_bounded_period():
    context = {
        "learner_name": "Priya Patel",
        "degree": "",
        "member_id": "",
        "period_start": date(2026, 1, 1),
        "period_end": date(2026, 12, 31),
        "rows": [],
        "totals": [],
        "provider": "The Sample Medical Society",
        "generated_at": datetime(2026, 12, 1, 9, 30, tzinfo=UTC),
    }

    _, text = pdf_text(render_transcript_pdf(context))

    assert "1 January 2026 to 31 December 2026" in text
    assert "All time" not in text


def test_transcript_csv_escapes_formulas():
    text = transcript_csv(transcript_rows())
    assert text.startswith("\ufeff"), "Excel reads the file as UTF-8 and shows the ™"
    parsed = list(csv.reader(io.StringIO(text[1:])))

    assert parsed[0] == ["completion_date", "activity", "credit_type", "amount", "certificate_code"]
    assert parsed[1] == [
        "2026-03-04",
        "Managing Hypertension in Primary Care",
        "AMA PRA Category 1 Credit™",
        "0.75",
        "ABCD-EFGH-JKLM-NPQR",
    ]
    assert parsed[2][1] == '\'=HYPERLINK("https://evil.example","Click")'
    assert parsed[2][4] == ""


def test_rendering_loads_only_inline_resources(tmp_path):
    # An overriding template could point at local files or the network; neither may be read.
    local_png = tmp_path / "local.png"
    segno.make_qr("local").save(local_png, kind="png")
    pdf = html_to_pdf(
        f'<img src="{local_png.as_uri()}" alt="">'
        '<img src="http://127.0.0.1:9/tracker.png" alt="">'
        f'<img src="{qr_png_data_uri(VERIFICATION_URL)}" alt="">'
    )

    assert len(PdfReader(io.BytesIO(pdf)).pages[0].images) == 1
