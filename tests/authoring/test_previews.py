"""An author previews what learners will see before anyone publishes it: a module waiting for
review, an activity not yet released, and the whole activity as a learner walks through it."""

import datetime

from django.test import RequestFactory
from wagtail.models import Workflow

from courses.models import CoursePage, ModulePage
from lms.services.roles import REVIEW_WORKFLOW
from quizzes.models import QuizRole
from tests.factories import make_course, make_quiz


def view_draft(client, page):
    response = client.get(f"/admin/pages/{page.pk}/view_draft/")
    return response.status_code, response.content.decode()


def module_in_review(course, user):
    """A new module, never published, submitted to the society's review."""
    module = ModulePage(
        title="Module in review",
        slug="in-review",
        estimated_minutes=10,
        live=False,
        body=[{"type": "rich_text", "value": "<p>A lesson awaiting approval.</p>"}],
    )
    course.add_child(instance=module)
    module.save_revision(user=user)
    Workflow.objects.get(name=REVIEW_WORKFLOW).start(module, user)
    return ModulePage.objects.get(pk=module.pk)


def test_a_module_under_review_previews_in_an_activity_without_live_modules(client, catalog, society_admin):
    course = make_course(catalog, slug="new-activity")
    module = module_in_review(course, society_admin)
    client.force_login(society_admin)
    status, html = view_draft(client, module)
    assert status == 200
    assert "A lesson awaiting approval." in html and "Module in review" in html


def test_a_module_of_an_activity_under_review_previews(client, catalog, society_admin):
    course = make_course(catalog, slug="whole-draft")
    course.unpublish()
    course.save_revision(user=society_admin)
    Workflow.objects.get(name=REVIEW_WORKFLOW).start(CoursePage.objects.get(pk=course.pk), society_admin)
    module = module_in_review(course, society_admin)
    client.force_login(society_admin)
    status, html = view_draft(client, module)
    assert status == 200 and "A lesson awaiting approval." in html


def test_an_activity_before_its_release_says_when_it_releases(client, catalog, society_admin):
    course = make_course(
        catalog,
        slug="coming-soon",
        release_date=datetime.date(2099, 3, 1),
        last_review_date=datetime.date(2099, 2, 1),
        expiration_date=datetime.date(2100, 3, 1),
    )
    client.force_login(society_admin)
    status, html = view_draft(client, course)
    assert status == 200
    assert "releases on 1 March 2099" in html
    assert "expired" not in html


def preview_in_mode(page, user, mode):
    """The editor's preview panel in one of its modes, for the page's latest draft."""
    request = RequestFactory().get("/")
    request.user = user
    return page.get_latest_revision_as_object().make_preview_request(request, mode).render().content.decode()


def test_preview_as_a_learner_walks_through_draft_modules_and_the_draft_post_test(catalog, society_admin):
    course = make_course(catalog, slug="walkthrough")
    module_in_review(course, society_admin)
    make_quiz(course, role=QuizRole.POST_TEST, publish=False, passing_score=80)
    course = CoursePage.objects.get(pk=course.pk)
    html = preview_in_mode(course, society_admin, "learner")
    assert "A lesson awaiting approval." in html
    assert "Start the post-test" in html and "80% or higher" in html
    assert "Start the post-test" not in preview_in_mode(course, society_admin, "")
