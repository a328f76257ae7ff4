"""Credits claimed per credit type: learners, claims and totals, for a period and an activity."""

from decimal import Decimal

import pytest
from django.urls import reverse

from courses.models import CreditDesignation, CreditType
from lms.models import CreditClaim
from lms.services.credit import claim_credit

from .conftest import assert_exports_match_screen, at, claim, complete, enrol, learner, screen_table

URL = "lms_reports:credits"
AMA = "AMA PRA Category 1 Credit™"


@pytest.fixture
def records(asthma, back_pain):
    moc = CreditType.objects.create(code="moc", name="MOC points", unit="points", hour_based=False)
    CreditType.objects.create(code="nursing", name="Nursing contact hours", unit="hours")
    CreditDesignation.objects.create(page=asthma, credit_type=moc, max_amount=Decimal("1.00"))
    ada = learner(asthma, member_id="M-ADA", first_name="Ada", last_name="Lovelace")
    grace = learner(asthma, member_id="M-GRACE", first_name="Grace", last_name="Hopper")
    complete(ada, asthma, at(2026, 3, 2))
    complete(grace, asthma, at(2026, 4, 10))
    claim(ada, asthma, "0.75", minutes=45)
    ama = CreditType.objects.get(code=CreditType.AMA_PRA_CATEGORY_1)
    claim_credit(grace, asthma, 60, {ama: Decimal("1.00"), moc: Decimal("1.00")}, report_consent=True)
    enrol(ada, back_pain)
    complete(ada, back_pain, at(2026, 5, 1))
    claim(ada, back_pain, "0.50", minutes=30)
    for member_id, day in (("M-ADA", at(2026, 3, 3)), ("M-GRACE", at(2026, 4, 11))):
        CreditClaim.objects.filter(completion__member__member_id=member_id, completion__course=asthma).update(
            claimed_at=day
        )
    CreditClaim.objects.filter(completion__course=back_pain).update(claimed_at=at(2026, 5, 2))


def test_one_row_per_credit_type(admin_client, records):
    headings, rows = screen_table(admin_client.get(reverse(URL)))
    assert headings == ["Credit type", "Learners", "Claims", "Total amount", "Unit"]
    # Every credit type is listed, the Joint Accreditation types the site ships with included.
    assert rows == [
        ["ACPE contact hour", "0", "0", "0.00", "contact hours"],
        [AMA, "2", "3", "2.25", "credits"],
        ["ANCC contact hour", "0", "0", "0.00", "contact hours"],
        ["MOC points", "1", "1", "1.00", "points"],
        ["Nursing contact hours", "0", "0", "0.00", "hours"],
    ]


def test_filters_by_claim_date_and_activity(admin_client, records, asthma, back_pain):
    _, rows = screen_table(admin_client.get(reverse(URL), {"claimed_at_from": "2026-04-01"}))
    assert [row[:4] for row in rows if row[1] != "0"] == [[AMA, "2", "2", "1.50"], ["MOC points", "1", "1", "1.00"]]
    _, rows = screen_table(admin_client.get(reverse(URL), {"activity": asthma.pk}))
    assert [row[:4] for row in rows if row[1] != "0"] == [[AMA, "2", "2", "1.75"], ["MOC points", "1", "1", "1.00"]]
    _, rows = screen_table(admin_client.get(reverse(URL), {"activity": back_pain.pk, "claimed_at_to": "2026-05-01"}))
    assert {row[0]: row[1:4] for row in rows}[AMA] == ["0", "0", "0.00"]
    assert {row[0]: row[1:4] for row in rows}["MOC points"] == ["0", "0", "0.00"]


def test_exports_say_what_the_screen_says(admin_client, records, asthma):
    assert_exports_match_screen(admin_client, reverse(URL))
    assert_exports_match_screen(admin_client, reverse(URL), {"activity": asthma.pk, "claimed_at_from": "2026-04-01"})
