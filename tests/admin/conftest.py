import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from courses.models import CreditDesignation, CreditType
from lms.models import Certificate, Completion, CreditClaim
from tests.factories import CourseFactory, MemberFactory

AMA = CreditType.AMA_PRA_CATEGORY_1


@pytest.fixture
def moc(db):
    return CreditType.objects.create(code="moc-abim", name="ABIM MOC points", unit="points", hour_based=False)


@pytest.fixture
def activity_with_moc(moc):
    course = CourseFactory(slug="pars-course", title="Pain basics", credit="1.00")
    CreditDesignation.objects.create(page=course, credit_type=moc, max_amount=Decimal("1.00"))
    return course


def completed_at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def complete(member, course, day, claims, consent=True):
    """A completion on `day` with claims {credit type code: amount}, built by hand."""
    completion = Completion.objects.create(member=member, course=course, completed_at=completed_at(day))
    for code, amount in claims.items():
        CreditClaim.objects.create(
            completion=completion,
            credit_type=CreditType.objects.get(code=code),
            amount=Decimal(amount),
            minutes_attested=60,
            attestation="I attest.",
            report_consent=consent,
        )
    return completion


def certify(completion, code="ABCD-EFGH-JKLM-NPQR"):
    member = completion.member
    return Certificate.objects.create(
        completion=completion,
        code=code,
        snapshot={"learner_name": f"{member.first_name} {member.last_name}", "activity_title": completion.course.title},
    )


@pytest.fixture
def learner(db):
    return MemberFactory(user__username="learner").user
