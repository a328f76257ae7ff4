"""A disclosure covers the 24 months before its date (ACCME Standard 3): the form asks for that date and
each relationship's dates, refuses rows outside the window, and the loader refuses what the form does."""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse

from courses.disclosure_window import is_relevant, window_start
from courses.models import Person
from tests.courses.test_admin_forms import CONSULTANT, person_data

DISCLOSED = datetime.date(2026, 3, 31)


def relationship(ended_on=None, ineligible_company=True):
    return SimpleNamespace(
        ineligible_company=ineligible_company, started_on=datetime.date(2020, 1, 1), ended_on=ended_on
    )


def test_the_window_is_the_24_months_before_the_disclosure():
    assert window_start(DISCLOSED) == datetime.date(2024, 3, 31)
    assert window_start(datetime.date(2026, 2, 28)) == datetime.date(2024, 2, 28)
    assert window_start(datetime.date(2028, 2, 29)) == datetime.date(2026, 2, 28)


@pytest.mark.parametrize(
    ("row", "relevant"),
    [
        (relationship(), True),
        (relationship(ended_on=datetime.date(2024, 3, 31)), True),
        (relationship(ended_on=datetime.date(2024, 3, 30)), False),
        (relationship(ineligible_company=False), False),
    ],
)
def test_relevance_follows_the_window_and_the_company(row, relevant):
    assert is_relevant(row, DISCLOSED) is relevant


def post_person(admin_client, rows, disclosure_date="2026-01-01"):
    data = person_data(False, rows, disclosure_date=disclosure_date)
    data["action-publish"] = "action-publish"
    return admin_client.post(reverse("wagtailsnippets_cme_courses_person:add"), data)


@pytest.mark.parametrize(
    ("changes", "disclosure_date", "message"),
    [
        ({"ended_on": "2023-12-31", "started_on": "2020-01-01"}, "2026-01-01", "more than 24 months before"),
        ({"started_on": "2026-02-01"}, "2026-01-01", "cannot start after the disclosure date"),
        ({"started_on": "2025-06-01", "ended_on": "2025-01-01"}, "2026-01-01", "cannot end before it started"),
        ({}, "2999-01-01", "cannot be in the future"),
        ({}, "", "This field is required."),
    ],
)
def test_the_form_refuses_a_disclosure_outside_its_window(admin_client, changes, disclosure_date, message):
    response = post_person(admin_client, [{**CONSULTANT, **changes}], disclosure_date=disclosure_date)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Person.objects.filter(name="Casey Planner").exists()


def test_the_form_saves_a_disclosure_within_its_window(admin_client):
    response = post_person(admin_client, [{**CONSULTANT, "started_on": "2019-01-01", "ended_on": "2024-02-01"}])
    assert response.status_code == 302
    person = Person.objects.get(name="Casey Planner")
    assert person.live and person.disclosure_date == datetime.date(2026, 1, 1)


def test_listing_only_a_relationship_with_an_eligible_company_still_needs_the_none_box(admin_client):
    response = post_person(admin_client, [{**CONSULTANT, "ineligible_company": ""}])
    assert response.status_code == 200
    assert "Disclosure is required" in response.content.decode()
