"""Records are kept: protected from deletion, unique where the rules say once."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from courses.models import ModulePage
from lms.models import Completion, Enrollment, Member
from lms.services.enrollment import enrol
from lms.services.progress import complete_module, enrollments_with_progress, progress_of
from lms.validators import validate_npi
from tests.factories import MemberFactory


def test_deleting_a_module_with_progress_is_refused(member, activity_with_optional_module):
    module = ModulePage.objects.get(slug="m1")
    complete_module(member, module, activity_with_optional_module)
    with pytest.raises(ProtectedError):
        module.delete()


def test_deleting_a_course_with_enrollments_is_refused(member, activity_with_optional_module):
    with pytest.raises(ProtectedError):
        activity_with_optional_module.delete()


def test_deleting_a_learner_with_records_is_refused(member):
    with pytest.raises(ProtectedError):
        member.user.delete()
    assert Member.objects.filter(pk=member.pk).exists()


def test_database_records_a_completion_once(member, activity_with_optional_module):
    Completion.objects.create(member=member, course=activity_with_optional_module, completed_at="2026-01-01T00:00:00Z")
    with pytest.raises(IntegrityError), transaction.atomic():
        Completion.objects.create(
            member=member, course=activity_with_optional_module, completed_at="2026-01-02T00:00:00Z"
        )


def test_enrolling_twice_keeps_one_enrollment(member, activity_with_optional_module):
    assert enrol(member, activity_with_optional_module) == enrol(member, activity_with_optional_module)
    assert Enrollment.objects.filter(member=member, course=activity_with_optional_module).count() == 1


def test_progress_has_earned_possible_ratio(member, activity_with_optional_module):
    complete_module(member, ModulePage.objects.get(slug="m1"), activity_with_optional_module)
    enrollment = enrollments_with_progress(member).get()
    assert progress_of(enrollment) == {"earned": 1, "possible": 4, "ratio": 0.25}


@pytest.mark.parametrize("npi", ["1234567893", "1245319599"])
def test_valid_npi_passes_the_luhn_check_with_prefix_80840(npi):
    validate_npi(npi)


@pytest.mark.parametrize(
    ("npi", "message"),
    [("1234567890", "check digit"), ("123456789", "exactly 10 digits"), ("12345678a3", "exactly 10 digits")],
)
def test_invalid_npi_is_refused(npi, message):
    with pytest.raises(ValidationError, match=message):
        validate_npi(npi)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"birth_month": 2, "birth_day": 30}, "birth_day"),
        ({"birth_month": 4, "birth_day": None}, "birth_day"),
        ({"license_states": "NY, XX"}, "license_states"),
        ({"degree": "MBA"}, "degree"),
    ],
)
def test_member_profile_validation(db, fields, field):
    member = MemberFactory.build(user=None, **fields)
    with pytest.raises(ValidationError) as error:
        member.full_clean(exclude=["user"])
    assert field in error.value.message_dict


def test_birthday_on_29_february_is_accepted(db):
    MemberFactory.build(user=None, birth_month=2, birth_day=29).full_clean(exclude=["user"])


def test_membership_expiry_ends_member_access(db):
    import datetime

    member = MemberFactory.build(membership_status="active", membership_expires_on=datetime.date(2020, 1, 1))
    assert not member.is_active_member


def test_anonymizing_keeps_records_and_removes_identity(member, activity_with_optional_module):
    from decimal import Decimal

    from wagtail.models import ModelLogEntry

    from courses.models import CreditType
    from lms.services.credit import claim_credit
    from lms.services.evaluation import submit_evaluation
    from lms.services.members import anonymize_member
    from tests.factories import UserFactory
    from tests.lms.conftest import evaluation_answers, pass_post_test

    for module in ModulePage.objects.child_of(activity_with_optional_module).filter(required=True):
        complete_module(member, module, activity_with_optional_module)
    pass_post_test(member, activity_with_optional_module)
    submit_evaluation(member, activity_with_optional_module, evaluation_answers(activity_with_optional_module))
    certificate = claim_credit(
        member,
        activity_with_optional_module,
        45,
        {CreditType.objects.get(code="ama-pra-category-1"): Decimal("0.75")},
        True,
    )
    admin = UserFactory(username="privacy-officer")
    anonymize_member(member, admin, "Erasure request")
    member.refresh_from_db()
    certificate.refresh_from_db()
    assert (member.first_name, member.npi, member.birth_month) == ("Anonymized", "", None)
    assert not member.user.is_active and member.user.email == "" and not member.user.has_usable_password()
    assert certificate.snapshot["learner_name"] == "Anonymized learner"
    assert Completion.objects.filter(member=member).count() == 1
    assert ModelLogEntry.objects.filter(action="cme_lms.anonymize_member", user=admin).exists()
