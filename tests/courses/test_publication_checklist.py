"""The pre-publish accreditation checklist: each item refuses publication when it is not met, names
what to fix, and the activity's edit view shows the same items, each linked to where it is fixed."""

import datetime

import pytest
from django.urls import reverse

from courses.models import CMEStatementSettings, CourseFaculty, CoursePage
from courses.publishing_checks import PublishRefused, checklist, publish_problems
from tests.factories import make_course, make_person, make_quiz

COMPANY = "Example Spine Devices Inc."


@pytest.fixture
def director(db):
    return make_person("Ada Director")


@pytest.fixture
def course(catalog, director):
    """Publishable as it stands: every item passes."""
    course = make_course(catalog, slug="checked", faculty=[(director, "course-director")])
    make_quiz(course)
    return CoursePage.objects.get(pk=course.pk)


def open_items(page):
    return {item.label: item.problems for item in checklist(page) if not item.passed}


def test_a_complete_activity_passes_every_item(course):
    assert open_items(course) == {}


def test_learning_objectives_are_required(course):
    course.learning_objectives = []
    assert open_items(course) == {"Learning objectives": ["State at least one learning objective."]}


def test_each_disclosure_is_at_most_12_months_old(course, director):
    stale = make_person("Sam Stale", disclosure_date=datetime.date(2025, 11, 30))
    course.faculty = [CourseFaculty(person=director, role="course-director"), CourseFaculty(person=stale)]
    (problem,) = open_items(course)["Disclosures made within 12 months"]
    assert problem.startswith("Sam Stale, MD's disclosure is dated 30 November 2025")


def test_every_relevant_relationship_is_mitigated(course):
    consultant = make_person("Ben Consultant", relationships=[{"company": COMPANY, "nature": "Consultant"}])
    course.faculty = [CourseFaculty(person=consultant, role="course-director")]
    (problem,) = open_items(course)["Relationships mitigated"]
    assert "Ben Consultant, MD" in problem and COMPANY in problem


def test_an_approval_refuses_a_course_directors_unmitigated_relationship(catalog, editor, society_admin):
    consultant = make_person("Ben Consultant", relationships=[{"company": COMPANY, "nature": "Consultant"}])
    course = make_course(
        catalog, slug="directed", faculty=[(consultant, "course-director")], mitigate=False, live=False
    )
    make_quiz(course)
    course.save_revision()
    state = course.get_workflow().start(course, editor)
    with pytest.raises(PublishRefused, match=COMPANY):
        state.current_task_state.task.specific.on_action(state.current_task_state, society_admin, "approve")
    assert not CoursePage.objects.get(pk=course.pk).live


def test_credit_is_designated_for_the_estimated_time(course):
    course.estimated_minutes = 30
    (problem,) = open_items(course)["Credit designated for the estimated time"]
    assert "estimated at 30 minutes, worth at most 0.50" in problem


def test_dates_are_valid(course):
    course.expiration_date = course.last_review_date + datetime.timedelta(days=4 * 365)  # over 3 years after review
    (problem,) = open_items(course)["Release, review and expiry dates"]
    assert "at most 3 years after its last review" in problem


def test_statements_are_present(course):
    statements = CMEStatementSettings.for_site(course.get_site())
    statements.accreditation_statement = ""
    statements.save()
    assert open_items(course) == {
        "Accreditation and designation statements": [
            "Write the accreditation statement, here or in the site-wide CME statements settings."
        ]
    }
    course.accreditation_statement = "The society is accredited by the ACCME."
    assert open_items(course) == {}


def test_credit_needs_a_post_test_with_a_pass_mark(catalog):
    course = make_course(catalog, slug="untested")
    (problem,) = open_items(course)["Post-test with a pass mark"]
    assert "so it needs a published post-test" in problem


def test_the_checklist_is_what_publishing_enforces(course):
    course.learning_objectives = []
    course.estimated_minutes = 30
    assert publish_problems(course) == [problem for problems in open_items(course).values() for problem in problems]


def test_the_edit_view_shows_the_same_items_each_linked_to_its_panel(admin_client, course):
    course.estimated_minutes = 30
    course.expiration_date = course.last_review_date + datetime.timedelta(days=4 * 365)
    course.save_revision(clean=False)  # as an older draft or a changed rule leaves it
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[course.pk])).content.decode()
    revision = CoursePage.objects.get(pk=course.pk).latest_revision.as_object()
    for item in checklist(revision):
        assert item.label in html
        assert f'id="{item.anchor[1:]}"' in html  # the panel a link leads to
        if not item.passed:
            assert f'href="{item.anchor}"' in html
            for problem in item.problems:
                assert problem.replace("'", "&#x27;") in html
    assert html.count('data-checklist-item="open"') == 2
