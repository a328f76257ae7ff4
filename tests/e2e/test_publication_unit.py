"""One submission, one approval: an Editor's draft activity with two modules and a post-test goes
live as a unit when a Society admin approves it once, and a physician then completes it in the browser:
both modules, the post-test at the approved pass mark, the evaluation."""

import pytest

from courses.models import CoursePage, ModulePage
from lms.models import Completion
from lms.services.roles import EDITORS, SOCIETY_ADMINS
from quizzes.models import Attempt, Quiz
from tests.factories import MemberFactory, make_catalog, make_course, make_home, make_module, make_quiz, user_in

from .accessibility import serious_violations
from .reading import loaded_html

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
    # The editor's script builds each objective's input; a screen reader announces it by name.
    objectives = "#panel-child-content-learning_objectives-section"
    editor.locator(f"{objectives} #learning_objectives-0-value").wait_for()
    named = editor.get_by_role("textbox", name="Learning objective", exact=True)
    assert named.count() == len(drafts.learning_objectives)
    assert serious_violations(editor, within=objectives) == []
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
    visitor.close()

    complete_as_a_physician(browser, live_server, CoursePage.objects.get(pk=drafts.pk), shots)


def complete_as_a_physician(browser, live_server, course, shots):
    member = MemberFactory(user__username="dr-lee", degree="MD")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", "dr-lee")
    page.fill("#id_password", "correct horse battery")
    page.click("button:has-text('Sign in')")
    page.goto(live_server.url + course.url)
    page.click("button:has-text('Enrol and start')")
    for module in course.get_modules():
        page.goto(live_server.url + module.url)
        page.click("button:has-text('Mark this module complete')")
    post_test = Quiz.objects.live().get(course=course)
    page.goto(f"{live_server.url}/quizzes/{post_test.pk}/")
    assert "80% or higher" in loaded_html(page)
    page.click("button:has-text('Start')")
    attempt = Attempt.objects.get(quiz=post_test, user=member.user)
    for position, question in enumerate(attempt.presented, start=1):
        for choice_id in question["correct"]:
            page.check(f"input[name=q{position}][value='{choice_id}']")
    page.click("button:has-text('Submit answers')")
    assert "passed" in loaded_html(page)
    page.goto(f"{live_server.url}/learn/courses/{course.pk}/evaluation/")
    for block in course.learning_objectives:
        page.check(f"input[name='objective_{block.id}'][value='5']")
    page.check("input[name=relevance][value='5']")
    page.check("input[name=practice_change][value=yes]")
    page.fill("#id_commitment_to_change", "Screen for red flags at the first visit.")
    page.check("input[name=free_of_commercial_bias][value=yes]")
    page.check("input[name=overall_quality][value='5']")
    page.click("button:has-text('Submit the evaluation')")
    shots(page, "learner-completed-the-activity")
    assert Completion.objects.filter(member=member, course=course).exists()
    page.close()
