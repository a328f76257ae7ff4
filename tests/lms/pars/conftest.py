"""A hand-built reporting world: one activity with AMA credit and ABIM and ABP MOC (0.75 points
each), its PARS id, and a helper that records a learner's completion with what they claimed."""

import csv
import datetime
import io
import json
import pathlib
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from courses.models import Board, CreditType, MocDesignation
from lms.models import ActivityReporting, BoardCertification, Completion, CreditClaim, MocClaim
from tests.factories import CourseFactory, MemberFactory

TEMPLATE = json.loads((pathlib.Path(__file__).parent / "templates" / "learner.json").read_text())
HEADERS = [column["header"] for column in TEMPLATE["columns"]]
PARS_ID = "201234567"
DAY = datetime.date(2026, 3, 15)
IDENTITY = dict(birth_month=4, birth_day=9)


@pytest.fixture
def activity_with_board_moc(db):
    course = CourseFactory(slug="pars-course", title="Pain basics", credit="1.00")
    for code in ("ABIM", "ABP"):
        board = Board.objects.get(code=code)
        MocDesignation.objects.create(
            page=course, board=board, moc_type=f"{code} Medical Knowledge", points=Decimal("0.75"), statement="."
        )
    return course


@pytest.fixture
def reporting(activity_with_board_moc):
    return ActivityReporting.objects.create(course=activity_with_board_moc, pars_activity_id=PARS_ID)


def learner(**fields):
    return MemberFactory(**{**IDENTITY, **fields})


def complete(member, course, cme=None, moc=None, day=DAY, consent=True):
    """A completion on `day`; `cme` an AMA amount, `moc` {board code: (points, diplomate id, consent)}."""
    completion = Completion.objects.create(
        member=member,
        course=course,
        completed_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(12))),
    )
    if cme:
        CreditClaim.objects.create(
            completion=completion,
            credit_type=CreditType.objects.get(code=CreditType.AMA_PRA_CATEGORY_1),
            amount=Decimal(cme),
            minutes_attested=60,
            attestation="I attest.",
            report_consent=consent,
        )
    for code, (points, diplomate_id, board_consent) in (moc or {}).items():
        board = Board.objects.get(code=code)
        BoardCertification.objects.update_or_create(
            member=member, board=board, defaults={"diplomate_id": diplomate_id, "report_consent": board_consent}
        )
        MocClaim.objects.create(
            completion=completion,
            board=board,
            moc_type=f"{code} Medical Knowledge",
            points=Decimal(points),
            diplomate_id=diplomate_id,
            minutes_attested=60,
            attestation="I attest.",
        )
    return completion


def xlsx_table(content):
    sheet = load_workbook(io.BytesIO(content)).active
    return [["" if value is None else value for value in row] for row in sheet.iter_rows(values_only=True)]


def tab_table(content):
    return list(csv.reader(io.StringIO(content.decode("utf-8")), delimiter=TEMPLATE["delimiter"]))


def as_dicts(table):
    header, *rows = table
    return [dict(zip(header, row, strict=True)) for row in rows]
