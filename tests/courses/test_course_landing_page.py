"""ACCME: objectives, faculty, disclosures, statements, dates and credit show before the learner starts."""

import datetime

import pytest
from django.utils import timezone
from django.utils.html import escape

from courses.models import CMEStatementSettings
from tests.factories import make_course, make_module, make_person, make_quiz


def long_date(day):
    """As the landing page writes a date (Django's "j F Y")."""
    return f"{day.day} {day:%B %Y}"


@pytest.fixture
def dates():
    """Released and reviewed recently, credit for two more years: a current activity whatever the day."""
    today = timezone.localdate()
    return {
        "release_date": today - datetime.timedelta(days=20),
        "last_review_date": today - datetime.timedelta(days=25),
        "expiration_date": today + datetime.timedelta(days=2 * 365),
    }


@pytest.fixture
def course(catalog, dates):
    director = make_person("Ada Director")
    planner = make_person("Ben Planner", relationships=[{"company": "Example Devices Inc.", "nature": "Consultant"}])
    course = make_course(
        catalog,
        slug="landing",
        credit="1.25",
        estimated_minutes=75,
        faculty=[(director, "course-director"), (planner, "planner")],
        learning_objectives=[
            {"type": "objective", "value": "Identify the pain generator."},
            {"type": "objective", "value": "Select a conservative first step."},
        ],
        content_notice="Educational sample content, not medical advice.",
        **dates,
    )
    make_module(course, slug="first", title="First module")
    return course


def test_landing_page_shows_everything_acme_requires_before_starting(client, course, dates):
    html = client.get(course.url).content.decode()
    for text in (
        "Identify the pain generator.",
        "Select a conservative first step.",
        "Ada Director",
        "Course director",
        "<td>Ben Planner, MD</td><td>Planner</td><td>Example Devices Inc.</td><td>Consultant</td>",
        "All relevant financial relationships listed have been mitigated.",
        "No relevant financial relationships with ineligible companies: Ada Director, MD (course director).",
        "accredited by the Accreditation Council for Continuing Medical Education",
        "designates this enduring material for a maximum of 1.25 AMA PRA Category 1 Credits™.",
        "claim only the credit commensurate with the extent of their participation",
        "This activity received no commercial support.",
        long_date(dates["release_date"]),
        long_date(dates["last_review_date"]),
        long_date(dates["expiration_date"]),
        "75 minutes",
        "Educational sample content, not medical advice.",
    ):
        assert escape(text) in html or text in html, text
    assert html.index("Identify the pain generator.") < html.index(">Start<")


def test_course_statement_override_replaces_the_site_default(client, course, home):
    course.accreditation_statement = "Jointly provided by two sample societies."
    course.designation_statement = "{provider} grants up to {amount} {credit_type} for this {format}."
    make_quiz(course)
    course.save_revision().publish()
    html = client.get(course.url).content.decode()
    assert "Jointly provided by two sample societies." in html
    # The commensurate-participation sentence follows AMA credit whatever the wording.
    assert (
        "grants up to 1.25 AMA PRA Category 1 Credits™ for this enduring material. Physicians should claim only the "
        "credit commensurate with the extent of their participation in the activity." in html
    )
    assert "accredited by the Accreditation Council" not in html


def test_site_wide_statement_comes_from_settings(client, course, home):
    settings = CMEStatementSettings.for_site(home.get_site())
    settings.provider_name = "The Example Pain Society"
    settings.save()
    html = client.get(course.url).content.decode()
    assert "The Example Pain Society designates this enduring material" in html


def test_expired_activity_stays_readable_and_says_it_awards_no_credit(client, catalog):
    course = make_course(
        catalog,
        slug="old",
        release_date=datetime.date(2020, 1, 1),
        last_review_date=datetime.date(2020, 1, 1),
        expiration_date=datetime.date(2022, 12, 31),
    )
    response = client.get(course.url)
    assert response.status_code == 200
    assert "no longer awards credit" in response.content.decode()


def test_module_page_shows_outline_and_previous_next(client, catalog):
    course = make_course(catalog, slug="nav")
    first = make_module(course, slug="one", title="One")
    second = make_module(course, slug="two", title="Two")
    third = make_module(course, slug="three", title="Three")
    html = client.get(second.url).content.decode()
    assert "Module 2 of 3" in html
    assert f'href="{first.url}" rel="prev"' in html
    assert f'href="{third.url}" rel="next"' in html
