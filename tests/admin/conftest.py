import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from courses.models import CreditDesignation, CreditType
from lms.models import Certificate, Completion, CreditClaim
from lms.services.roles import EDITORS, SOCIETY_ADMINS
from tests.factories import MemberFactory, UserFactory, make_catalog, make_course, make_home

AMA = CreditType.AMA_PRA_CATEGORY_1


@pytest.fixture
def moc(db):
    return CreditType.objects.create(code="moc-abim", name="ABIM MOC points", unit="points", hour_based=False)


@pytest.fixture
def course(moc):
    course = make_course(make_catalog(make_home()), slug="pars-course", title="Pain basics", credit="1.00")
    CreditDesignation.objects.create(page=course, credit_type=moc, max_amount=Decimal("1.00"))
    return course


def completed_at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def complete(member, course, day, claims, consent=True):
    """A completion on `day` with claims {credit type code: amount}, built by hand."""
    completion = Completion.objects.create(member=member, course=course, completed_at=completed_at(day))
    for code, amount in claims.items():
        CreditClaim.objects.create(
            completion=completion, credit_type=CreditType.objects.get(code=code), amount=Decimal(amount),
            minutes_attested=60, attestation="I attest.", report_consent=consent,
        )
    return completion


def certify(completion, code="ABCD-EFGH-JKLM-NPQR"):
    member = completion.member
    return Certificate.objects.create(
        completion=completion, code=code,
        snapshot={"learner_name": f"{member.first_name} {member.last_name}", "activity_title": completion.course.title},
    )


def user_in(group_name, username):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def society_admin(db):
    return user_in(SOCIETY_ADMINS, "coordinator")


@pytest.fixture
def admin_client(client, society_admin):
    client.force_login(society_admin)
    return client


@pytest.fixture
def editor(db):
    return user_in(EDITORS, "editor")


@pytest.fixture
def learner(db):
    return MemberFactory(user__username="learner").user
