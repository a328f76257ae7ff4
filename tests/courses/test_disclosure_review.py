"""A faculty member's disclosure reaches learners only once a Society admin approves it: the landing
page and the catalog API read the published version, never a draft."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from courses.models import Person
from tests.api.conftest import key_client, portal_key
from tests.factories import make_course, make_person
from tests.factories.courses import DISCLOSED_ON, RELATIONSHIP_STARTED_ON

EDIT = "wagtailsnippets_cme_courses_person:edit"
NEW_RELATIONSHIP = "Acme Spine Devices"


@pytest.fixture
def person(db):
    return make_person("Dana Reviewed")


@pytest.fixture
def catalog_api(db):
    return key_client(portal_key("Catalog portal", ["catalog:read"]))


@pytest.fixture
def course(catalog, person):
    return make_course(catalog, slug="disclosed", faculty=[(person, "course-director")])


def disclosure_form(person, action):
    return nested_form_data(
        {
            "name": person.name,
            "credentials": person.credentials,
            "affiliation": "",
            "bio": "",
            "disclosure_date": DISCLOSED_ON.isoformat(),
            "no_relevant_relationships": "",
            "relationships": inline_formset(
                [
                    {
                        "company": NEW_RELATIONSHIP,
                        "nature": "Consultant",
                        "ineligible_company": "on",
                        "started_on": RELATIONSHIP_STARTED_ON.isoformat(),
                    }
                ]
            ),
            f"action-{action}": f"action-{action}",
        }
    )


def what_learners_see(client, catalog_api, course):
    client.logout()
    page = client.get(course.url).content.decode()
    detail = catalog_api.get(f"/api/v1/catalog/{course.pk}/").json()
    (faculty,) = detail["faculty"]
    return {
        "page": NEW_RELATIONSHIP in page,
        "api": [relationship["company"] for relationship in faculty["financial_relationships"]] == [NEW_RELATIONSHIP],
    }


def approve(client, person, admin):
    client.force_login(admin)
    task_state = Person.objects.get(pk=person.pk).current_workflow_task_state
    url = reverse("wagtailsnippets_cme_courses_person:workflow_action", args=[person.pk, "approve", task_state.pk])
    return client.post(url)


def test_a_disclosure_edit_reaches_learners_only_once_a_society_admin_approves(
    client, catalog_api, course, person, editor, society_admin
):
    assert what_learners_see(client, catalog_api, course) == {"page": False, "api": False}
    client.force_login(editor)
    response = client.post(reverse(EDIT, args=[person.pk]), disclosure_form(person, "submit"))
    assert response.status_code == 302, response.content.decode()[-2000:]
    person.refresh_from_db()
    assert person.has_unpublished_changes and person.workflow_in_progress
    assert what_learners_see(client, catalog_api, course) == {"page": False, "api": False}

    assert approve(client, person, society_admin).status_code == 302
    assert what_learners_see(client, catalog_api, course) == {"page": True, "api": True}


def test_an_editor_cannot_publish_a_disclosure(client, catalog_api, course, person, editor):
    client.force_login(editor)
    assert client.post(reverse(EDIT, args=[person.pk]), disclosure_form(person, "publish")).status_code == 302
    person.refresh_from_db()
    assert person.no_relevant_relationships and not person.relationships.exists()
    with pytest.raises(PermissionDenied):
        person.latest_revision.publish(user=editor)
    assert what_learners_see(client, catalog_api, course) == {"page": False, "api": False}


def test_a_person_never_published_is_not_listed(client, catalog_api, catalog):
    draft = make_person("Draft Person", publish=False)
    course = make_course(catalog, slug="draft-faculty", faculty=[(draft, "author")])
    assert "Draft Person" not in client.get(course.url).content.decode()
    assert catalog_api.get(f"/api/v1/catalog/{course.pk}/").json()["faculty"] == []
