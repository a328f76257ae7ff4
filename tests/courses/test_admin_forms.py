"""Editors get clear errors from the Wagtail admin, and nothing is saved."""

import datetime

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from courses.models import CoursePage, CreditType, Person, Track
from tests.factories import UserFactory
from tests.factories.courses import DISCLOSED_ON, EXPIRES_ON, RELATIONSHIP_STARTED_ON, RELEASED_ON


@pytest.fixture
def admin_client(client, db):
    user = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(user)
    return client


def person_data(none_declared, relationships, disclosure_date=DISCLOSED_ON):
    return nested_form_data(
        {
            "name": "Casey Planner",
            "credentials": "MD",
            "affiliation": "",
            "bio": "",
            "disclosure_date": str(disclosure_date),
            "no_relevant_relationships": "on" if none_declared else "",
            "relationships": inline_formset(relationships),
        }
    )


CONSULTANT = {
    "company": "Example Devices",
    "nature": "Consultant",
    "ineligible_company": "on",
    "started_on": RELATIONSHIP_STARTED_ON.isoformat(),
    "ended_on": "",
}


def test_person_without_any_disclosure_is_refused(admin_client):
    url = reverse("wagtailsnippets_cme_courses_person:add")
    response = admin_client.post(url, person_data(False, []))
    assert response.status_code == 200
    assert "Disclosure is required" in response.content.decode()
    assert not Person.objects.filter(name="Casey Planner").exists()


def test_person_declaring_none_and_listing_a_relationship_is_refused(admin_client):
    url = reverse("wagtailsnippets_cme_courses_person:add")
    rows = [CONSULTANT]
    response = admin_client.post(url, person_data(True, rows))
    assert "cannot also declare none" in response.content.decode()
    assert not Person.objects.filter(name="Casey Planner").exists()


def test_person_with_a_listed_relationship_is_saved(admin_client):
    url = reverse("wagtailsnippets_cme_courses_person:add")
    rows = [CONSULTANT]
    response = admin_client.post(url, person_data(False, rows))
    assert response.status_code == 302
    person = Person.objects.get(name="Casey Planner")
    assert [(r.company, r.ineligible_company, str(r.started_on)) for r in person.relationships.all()] == [
        ("Example Devices", True, RELATIONSHIP_STARTED_ON.isoformat())
    ]


def course_data(
    amount="1.00", minutes="60", expiration=EXPIRES_ON, designations=None, faculty=(), mitigations=(), acpe=()
):
    ama = CreditType.objects.get(code=CreditType.AMA_PRA_CATEGORY_1)
    return nested_form_data(
        {
            "title": "Admin-made course",
            "slug": "admin-made-course",
            "content_notice": "",
            "track": Track.objects.get(slug="ipm-fundamentals").pk,
            "summary": "Summary",
            "learning_objectives": streamfield([("objective", "Describe things.")]),
            "target_audience": "Physicians",
            "learning_format": "enduring",
            "estimated_minutes": minutes,
            "credit_designations": inline_formset(
                designations if designations is not None else [{"credit_type": ama.pk, "max_amount": amount}],
                min=1,
            ),
            "acpe_details": inline_formset(list(acpe)),
            "moc_designations": inline_formset([]),
            "faculty": inline_formset(list(faculty)),
            "accreditation_statement": "",
            "designation_statement": "",
            "technical_requirements": "",
            "mitigations": inline_formset(list(mitigations)),
            "commercial_supporters": inline_formset([]),
            "release_date": RELEASED_ON.isoformat(),
            "last_review_date": RELEASED_ON.isoformat(),
            "expiration_date": expiration.isoformat(),
        }
    )


def add_course_url(catalog):
    return reverse("wagtailadmin_pages:add", args=("cme_courses", "coursepage", catalog.pk))


def test_valid_course_is_saved_as_a_draft(admin_client, catalog):
    response = admin_client.post(add_course_url(catalog), course_data())
    assert response.status_code == 302, response.content.decode()[:2000]
    course = CoursePage.objects.get(slug="admin-made-course")
    assert not course.live
    assert [str(d.max_amount) for d in course.credit_designations.all()] == ["1.00"]


def test_an_activitys_acpe_uan_is_saved_as_acpe_writes_it(admin_client, catalog):
    uan = "JA0000000-0000-26-001-H01-P"
    response = admin_client.post(
        add_course_url(catalog), course_data(acpe=[{"pharmacist_uan": uan, "technician_uan": "", "activity_type": "A"}])
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    registration = CoursePage.objects.get(slug="admin-made-course").acpe_details.get()
    assert (registration.pharmacist_uan, registration.activity_type) == (uan, "A")


def test_a_malformed_uan_is_refused_in_the_editor(admin_client, catalog):
    acpe = [{"pharmacist_uan": "JA0000000-0000-26-001-H01-T", "technician_uan": "", "activity_type": "K"}]
    response = admin_client.post(add_course_url(catalog), course_data(acpe=acpe))
    assert response.status_code == 200
    assert "A UAN for pharmacists ends in -P." in response.content.decode()
    assert not CoursePage.objects.filter(slug="admin-made-course").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"amount": "1.10"}, "steps of 0.25"),
        ({"amount": "2.00", "minutes": "60"}, "estimated at 60 minutes"),
        ({"expiration": RELEASED_ON - datetime.timedelta(days=1)}, "before the release date"),
        ({"expiration": RELEASED_ON + datetime.timedelta(days=3 * 366)}, "at most 3 years"),
        ({"designations": []}, "Designate at least one credit type"),
    ],
)
def test_invalid_course_shows_the_reason_and_is_not_saved(admin_client, catalog, data, message):
    response = admin_client.post(add_course_url(catalog), course_data(**data))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CoursePage.objects.filter(slug="admin-made-course").exists()
