"""One submission, one approval: an Editor's draft activity with two modules and a post-test goes
live as a unit when a Society admin approves it once, and a visitor then sees the modules and the
post-test."""

import pytest

from courses.models import CoursePage, ModulePage
from lms.services.roles import EDITORS, SOCIETY_ADMINS
from quizzes.models import Quiz
from tests.factories import make_catalog, make_course, make_home, make_module, make_quiz, user_in

from .accessibility import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def drafts(db):
    """What the Editor saved: an activity, two modules and a post-test, all drafts never published."""
    editor = user_in(EDITORS, "editor")
    user_in(SOCIETY_ADMINS, "coordinator")
    course = make_course(make_catalog(make_home()), slug="low-back-pain", title="Low back pain", live=False)
    course.save_revision(user=editor)
    for number in (1, 2):
        module = make_module(course, slug=f"module-{number}", title=f"Assessment part {number}", live=False)
        module.save_revision(user=editor)
    quiz = make_quiz(course, publish=False, passing_score=80)
    quiz.title = "Low back pain post-test"
    quiz.save()
    quiz.save_revision(user=editor)
    return CoursePage.objects.get(pk=course.pk)


def signed_in(browser, live_server, username):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "correct horse battery")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    return page


def footer_action(page, label):
    """Open the editor's footer menu and press one of its actions."""
    button = page.get_by_role("button", name=label, exact=False).first
    if not button.is_visible():
        page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    button.click()


def test_one_submission_and_one_approval_publish_the_whole_activity(browser, live_server, drafts, shots):
    edit_url = f"{live_server.url}/admin/pages/{drafts.pk}/edit/"

    editor = signed_in(browser, live_server, "editor")
    editor.goto(edit_url)
    panel = editor.locator("[data-publication-panel]")
    assert panel.locator("[data-unit-part]").count() == 3
    assert panel.locator("[data-checklist-item='open']").count() == 0
    shots(editor, "editor-sees-the-unit")
    footer_action(editor, "Submit to CME activity review")
    editor.wait_for_load_state()
    assert CoursePage.objects.get(pk=drafts.pk).workflow_in_progress
    editor.close()

    admin = signed_in(browser, live_server, "coordinator")
    admin.goto(edit_url)
    parts = admin.locator("[data-publication-panel] [data-unit-part]")
    assert parts.count() == 3
    assert serious_violations(admin, within="[data-publication-panel]") == []
    shots(admin, "reviewer-sees-every-part")
    footer_action(admin, "Approve")
    admin.wait_for_url(lambda url: "/edit/" not in url)
    admin.close()

    assert CoursePage.objects.get(pk=drafts.pk).live
    assert list(ModulePage.objects.child_of(drafts).values_list("live", flat=True)) == [True, True]
    assert Quiz.objects.live().get(course=drafts).passing_score == 80

    visitor = browser.new_page()
    visitor.goto(live_server.url + drafts.url)
    shots(visitor, "learner-sees-the-activity")
    text = visitor.locator("main").inner_text()
    assert "Assessment part 1" in text and "Assessment part 2" in text
    assert "Low back pain post-test" in text and "passing score 80%" in text
    visitor.goto(live_server.url + ModulePage.objects.get(slug="module-2").url)
    assert "Assessment part 2" in visitor.locator("h1").inner_text()
