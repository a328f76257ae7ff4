from decimal import Decimal

import pytest

from courses.models import CreditType
from lms.models import Enrollment
from lms.services.credit import claim_credit
from tests.lms.conftest import activity_with_optional_module, member  # noqa: F401  (fixtures)
from tests.lms.test_learner_path import finish

pytestmark = pytest.mark.django_db


def earn_certificate(learner, activity):
    Enrollment.objects.get_or_create(member=learner, course=activity)
    finish(learner, activity)
    return claim_credit(
        learner, activity, 45, {CreditType.objects.get(code=CreditType.AMA_PRA_CATEGORY_1): Decimal("0.75")}, True
    )


@pytest.fixture
def certificate(member, activity_with_optional_module):  # noqa: F811
    return earn_certificate(member, activity_with_optional_module)
