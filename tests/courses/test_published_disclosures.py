"""What learners were shown about financial relationships is kept with each published revision: a later
edit to a person's disclosure reaches the landing page and the API only when the activity is published
again, and the activity file keeps every earlier record."""

import datetime
import itertools

import pytest
from django.urls import reverse

from content.publishing import publish_snippet
from courses.models import FinancialRelationship, MitigationMethod, PublishedDisclosures, RelationshipMitigation
from tests.api.conftest import key_client, portal_key
from tests.factories import make_course, make_person, make_quiz
from tests.factories.courses import DISCLOSED_ON, MITIGATED_ON

FIRST = "First Devices Inc."
LATER = "Later Pharma Co."
PORTALS = itertools.count()


@pytest.fixture
def person(db):
    return make_person("Kim Author", relationships=[{"company": FIRST, "nature": "Speaker"}])


@pytest.fixture
def course(catalog, person):
    course = make_course(catalog, slug="frozen", faculty=[(person, "author")])
    make_quiz(course)
    course.save_revision().publish()
    course.refresh_from_db()
    return course


def learners_see(client, course):
    page = client.get(course.url).content.decode()
    api = key_client(portal_key(f"portal {next(PORTALS)}", ["catalog:read"]))
    (faculty,) = api.get(f"/api/v1/catalog/{course.pk}/").json()["faculty"]
    return {
        "page": [company for company in (FIRST, LATER) if company in page],
        "api": [r["company"] for r in faculty["financial_relationships"]],
    }


def add_relationship(person):
    person.relationships.add(
        FinancialRelationship(company=LATER, nature="Advisor", started_on=datetime.date(2025, 6, 1))
    )
    person.disclosure_date = DISCLOSED_ON
    publish_snippet(person)
    return FinancialRelationship.objects.get(person=person, company=LATER)


def test_a_changed_disclosure_reaches_learners_only_when_the_activity_is_published_again(client, course, person):
    first_revision = course.live_revision_id
    assert learners_see(client, course) == {"page": [FIRST], "api": [FIRST]}

    later = add_relationship(person)
    assert learners_see(client, course) == {"page": [FIRST], "api": [FIRST]}

    course = type(course).objects.get(pk=course.pk)
    course.mitigations = [
        *course.mitigations.all(),
        RelationshipMitigation(
            relationship=later,
            method=MitigationMethod.ROLE_LIMITED,
            mitigated_by="Ada Director, MD",
            mitigated_on=datetime.date(2026, 1, 20),
        ),
    ]
    course.save_revision().publish()
    course.refresh_from_db()
    assert learners_see(client, course) == {"page": [FIRST, LATER], "api": [FIRST, LATER]}

    old = PublishedDisclosures.objects.get(revision_id=first_revision)
    assert [r["company"] for r in old.faculty[0]["relationships"]] == [FIRST]
    new = PublishedDisclosures.objects.get(revision_id=course.live_revision_id)
    assert [(r["company"], r["mitigation"]) for r in new.faculty[0]["relationships"]] == [
        (FIRST, "Independent peer review of content"),
        (LATER, "Role limited or altered"),
    ]


def test_the_activity_file_shows_every_published_record(client, course, person, society_admin):
    course.save_revision().publish()
    client.force_login(society_admin)
    response = client.get(reverse("courses_published_disclosures", args=[course.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count(FIRST) == 2
    assert f"Independent peer review of content, by Peer Reviewer, MD on {MITIGATED_ON}" in html
    assert "(live)" in html


def test_the_activity_file_is_for_those_who_may_edit_the_activity(client, course, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="someone", is_staff=True))
    response = client.get(reverse("courses_published_disclosures", args=[course.pk]))
    assert response.status_code in (302, 403)
