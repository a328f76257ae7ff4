"""ACCME Standard 3: an activity is published only when each relevant financial relationship of every
person in control of its content is mitigated, whatever publishes it (the editor's Publish button,
a workflow approval, the curriculum loader); the refusal names the person and the company."""

import datetime

import pytest
from django.urls import reverse

from courses.models import CoursePage, MitigationMethod, RelationshipMitigation
from courses.publishing_checks import PublishRefused, publish_problems
from tests.courses.test_admin_forms import add_course_url, course_data
from tests.factories import make_course, make_person, make_quiz
from tests.factories.courses import DISCLOSED_ON, MITIGATED_ON

COMPANY = "Example Spine Devices Inc."


@pytest.fixture
def consultant(db):
    return make_person("Ben Consultant", relationships=[{"company": COMPANY, "nature": "Consultant"}])


@pytest.fixture
def director(db):
    return make_person("Ada Director")


@pytest.fixture
def course(catalog, consultant, director):
    """Live through the factory, with an unpublished edit waiting: the relationship has no mitigation."""
    course = make_course(
        catalog, slug="unmitigated", faculty=[(director, "course-director"), (consultant, "author")], mitigate=False
    )
    make_quiz(course)  # the assessment its credit needs (tests/quizzes/test_assessment_required.py)
    course.summary = "An edited summary."
    course.save_revision()
    return course


def mitigation(relationship, **fields):
    values = dict(
        relationship=relationship,
        method=MitigationMethod.PEER_REVIEW,
        mitigated_by="Ada Director, MD",
        mitigated_on=MITIGATED_ON,
    )
    return RelationshipMitigation(**{**values, **fields})


def test_the_refusal_names_the_person_and_the_company(course):
    (problem,) = publish_problems(course.latest_revision.as_object())
    assert "Ben Consultant, MD" in problem and COMPANY in problem


def test_a_workflow_approval_does_not_publish_an_unmitigated_activity(course, editor, society_admin):
    state = course.get_workflow().start(course, editor)
    task_state = state.current_task_state
    with pytest.raises(PublishRefused, match=COMPANY):
        task_state.task.specific.on_action(task_state, society_admin, "approve")
    course.refresh_from_db()
    task_state.refresh_from_db()
    assert course.summary == "A sample activity."  # the live version is unchanged
    assert task_state.status == task_state.STATUS_IN_PROGRESS  # the approval was rolled back


def test_the_workflow_approval_view_leaves_the_activity_unpublished_and_in_review(
    client, course, editor, society_admin
):
    state = course.get_workflow().start(course, editor)
    client.force_login(society_admin)
    url = reverse("wagtailadmin_pages:workflow_action", args=[course.pk, "approve", state.current_task_state.pk])
    client.post(url)  # Wagtail's admin answers the refusal as a permission error
    course.refresh_from_db()
    state.refresh_from_db()
    assert course.summary == "A sample activity."
    assert state.status == state.STATUS_IN_PROGRESS


def test_publishing_in_code_is_refused_until_the_relationship_is_mitigated(course, consultant):
    with pytest.raises(PublishRefused):
        course.latest_revision.publish()
    course.mitigations = [mitigation(consultant.relationships.get())]
    course.save_revision().publish()
    course.refresh_from_db()
    assert course.summary == "An edited summary."


def test_a_relationship_that_ended_over_24_months_before_the_disclosure_needs_no_mitigation(catalog):
    past = make_person(
        "Old Consultant",
        relationships=[
            {
                "company": COMPANY,
                "nature": "Speaker",
                "started_on": datetime.date(2020, 1, 1),
                "ended_on": datetime.date(2023, 12, 31),
            }
        ],
        disclosure_date=DISCLOSED_ON,
    )
    course = make_course(catalog, slug="old-tie", faculty=[(past, "author")], mitigate=False)
    make_quiz(course)
    assert publish_problems(course.save_revision().as_object()) == []


def test_a_relationship_with_an_eligible_company_needs_no_mitigation(catalog):
    person = make_person(
        "Society Officer", relationships=[{"company": "A Hospital", "nature": "Employee", "ineligible_company": False}]
    )
    course = make_course(catalog, slug="eligible", faculty=[(person, "planner")], mitigate=False)
    make_quiz(course)
    assert publish_problems(course.save_revision().as_object()) == []


def test_a_person_whose_disclosure_is_unpublished_blocks_publishing(catalog):
    draft = make_person("Draft Person", publish=False)
    course = make_course(catalog, slug="undisclosed", faculty=[(draft, "author")])
    make_quiz(course)
    (problem,) = publish_problems(course.save_revision().as_object())
    assert "Draft Person, MD's disclosure has not been published" in problem


def test_the_publish_button_keeps_the_draft_and_says_why(client, catalog, consultant, society_admin):
    client.force_login(society_admin)
    data = course_data(faculty=[{"person": consultant.pk, "role": "author"}])
    data["action-publish"] = "action-publish"
    response = client.post(add_course_url(catalog), data, follow=True)
    page = CoursePage.objects.get(slug="admin-made-course")
    assert not page.live and page.latest_revision is not None
    html = response.content.decode()
    assert "Not published: Ben Consultant, MD&#x27;s relationship with Example Spine Devices Inc." in html


def test_the_publish_button_publishes_once_mitigated(client, catalog, consultant, society_admin):
    client.force_login(society_admin)
    data = course_data(
        faculty=[{"person": consultant.pk, "role": "author"}],
        mitigations=[
            {
                "relationship": consultant.relationships.get().pk,
                "method": "other",
                "other_method": "Content limited to anatomy",
                "mitigated_by": "Ada Director, MD",
                "mitigated_on": MITIGATED_ON.isoformat(),
            }
        ],
    )
    assert client.post(add_course_url(catalog), data).status_code == 302  # a draft, to attach the post-test to
    page = CoursePage.objects.get(slug="admin-made-course")
    make_quiz(page)
    # The edit form names the rows the draft already holds, as the editor's browser does.
    for formset in ("credit_designations", "faculty", "mitigations"):
        data[f"{formset}-0-id"] = getattr(page, formset).get().pk
        data[f"{formset}-INITIAL_FORMS"] = 1
    data["completion_requires_post_test"] = "on"
    data["action-publish"] = "action-publish"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"method": "other", "other_method": ""}, "Describe the method used."),
        ({"mitigated_by": ""}, "This field is required."),
    ],
)
def test_a_mitigation_row_needs_its_method_and_who_did_it(client, catalog, consultant, society_admin, row, message):
    client.force_login(society_admin)
    values = {
        "relationship": consultant.relationships.get().pk,
        "method": "peer-review",
        "other_method": "",
        "mitigated_by": "Ada Director, MD",
        "mitigated_on": MITIGATED_ON.isoformat(),
        **row,
    }
    data = course_data(mitigations=[values])
    data["action-publish"] = "action-publish"
    response = client.post(add_course_url(catalog), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CoursePage.objects.filter(slug="admin-made-course").exists()


def test_a_relationship_is_mitigated_once_per_activity(client, catalog, consultant, society_admin):
    client.force_login(society_admin)
    row = {
        "relationship": consultant.relationships.get().pk,
        "method": "peer-review",
        "other_method": "",
        "mitigated_by": "Ada Director, MD",
        "mitigated_on": MITIGATED_ON.isoformat(),
    }
    data = course_data(mitigations=[row, dict(row)])
    response = client.post(add_course_url(catalog), data)
    assert response.status_code == 200
    assert "has more than one row" in response.content.decode()
