import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from courses.credit import designation_problems, hours_for_minutes, validate_quarter_step
from courses.models import CoursePage, CreditDesignation, CreditType
from courses.models.statements import validate_designation_template
from tests.factories import make_course
from tests.factories.courses import RELEASED_ON


@pytest.fixture
def ama(db):
    return CreditType.objects.get(code=CreditType.AMA_PRA_CATEGORY_1)


@pytest.mark.parametrize("amount", ["0.25", "1.00", "1.75", "12.50"])
def test_credit_in_quarter_steps_is_accepted(amount):
    validate_quarter_step(Decimal(amount))


@pytest.mark.parametrize("amount", ["0.10", "1.3", "0.33", "2.01"])
def test_credit_off_quarter_steps_is_refused(amount):
    with pytest.raises(ValidationError, match="steps of 0.25"):
        validate_quarter_step(Decimal(amount))


def test_database_refuses_credit_off_quarter_steps(catalog, ama):
    course = make_course(catalog)
    with pytest.raises(IntegrityError), transaction.atomic():
        CreditDesignation.objects.create(page=course, credit_type=ama, max_amount=Decimal("1.10"))


def test_database_refuses_zero_credit(catalog, ama):
    course = make_course(catalog)
    with pytest.raises(IntegrityError), transaction.atomic():
        CreditDesignation.objects.create(page=course, credit_type=ama, max_amount=Decimal("0"))


def test_designation_defaults_to_ama_pra_category_1(ama):
    assert CreditDesignation().credit_type_id == ama.pk


def test_credit_hours_round_to_the_nearest_quarter_hour():
    assert hours_for_minutes(60) == Decimal("1.00")
    assert hours_for_minutes(52) == Decimal("0.75")
    assert hours_for_minutes(53) == Decimal("1.00")


def test_credit_above_the_activity_time_is_refused(ama):
    problems = designation_problems(30, [(ama, Decimal("1.00"))])
    assert problems and "estimated at 30 minutes" in problems[0]
    assert designation_problems(60, [(ama, Decimal("1.00"))]) == []


def test_the_same_credit_type_twice_is_refused(ama):
    problems = designation_problems(120, [(ama, Decimal("1.00")), (ama, Decimal("0.50"))])
    assert any("designated twice" in problem for problem in problems)


def test_a_course_without_credit_designation_is_refused():
    assert designation_problems(60, []) == ["Designate at least one credit type and its maximum amount."]


def _course(**dates):
    values = dict(
        release_date=datetime.date(2026, 1, 1),
        last_review_date=datetime.date(2026, 1, 1),
        expiration_date=datetime.date(2027, 1, 1),
    )
    values.update(dates)
    return CoursePage(title="x", slug="x", **values)


def test_expiration_before_release_is_refused(db):
    with pytest.raises(ValidationError) as error:
        _course(expiration_date=datetime.date(2025, 12, 31)).clean()
    assert "before the release date" in str(error.value.message_dict["expiration_date"])


def test_expiration_more_than_three_years_after_review_is_refused(db):
    with pytest.raises(ValidationError) as error:
        _course(expiration_date=datetime.date(2029, 1, 2)).clean()
    assert "at most 3 years" in str(error.value.message_dict["expiration_date"])


def test_expiration_exactly_three_years_after_review_is_accepted(db):
    _course(expiration_date=datetime.date(2029, 1, 1)).clean()


def test_review_on_29_february_allows_expiry_on_28_february(db):
    _course(
        release_date=datetime.date(2028, 2, 29),
        last_review_date=datetime.date(2028, 2, 29),
        expiration_date=datetime.date(2031, 2, 28),
    ).clean()


def test_database_refuses_expiration_before_release(catalog):
    course = make_course(catalog)
    with pytest.raises(IntegrityError), transaction.atomic():
        CoursePage.objects.filter(pk=course.pk).update(expiration_date=datetime.date(2020, 1, 1))


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{provider} designates this activity for {credit_type}.", "must name the activity's format and amount"),
        ("This {format} is worth {amount} {credits}.", "unknown or broken placeholder"),
        ("Broken {format for {amount}", "unknown or broken placeholder"),
    ],
)
def test_designation_statement_must_name_format_and_amount(template, message):
    with pytest.raises(ValidationError, match=message):
        validate_designation_template(template)


def test_expired_course_awards_no_credit(catalog):
    expires_on = RELEASED_ON + datetime.timedelta(days=365)
    course = make_course(catalog, expiration_date=expires_on)
    assert course.awards_credit_on(expires_on)
    assert not course.awards_credit_on(expires_on + datetime.timedelta(days=1))
    assert not course.awards_credit_on(RELEASED_ON - datetime.timedelta(days=1))
