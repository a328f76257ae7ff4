"""Credit rests on an assessment: an activity that designates credit is published only with a live
post-test, required for completion, whose pass mark is at least LMS["MIN_PASS_MARK"] (70 unless the
society sets more), whatever publishes it; the quiz form refuses a lower pass mark; learners see the
pass mark before they start."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from courses.models import CoursePage
from courses.publishing_checks import PublishRefused, publish_problems
from quizzes.models import Quiz
from tests.courses.test_admin_forms import add_course_url, course_data
from tests.factories import make_course, make_quiz
from tests.lms.test_load_curriculum import COURSE, write_curriculum
from tests.quizzes.test_quiz_admin import ADD, quiz_data

NO_POST_TEST = "so it needs a published post-test"


def edited(course):
    """The activity with an edit waiting to be published."""
    course.summary = "An edited summary."
    course.save_revision()
    return CoursePage.objects.get(pk=course.pk)


def problems(course):
    return publish_problems(course.latest_revision.as_object())


def test_credit_without_a_post_test_is_not_publishable(bare_activity):
    (problem,) = problems(edited(bare_activity))
    assert NO_POST_TEST in problem


def test_a_draft_post_test_with_no_version_to_publish_does_not_count(bare_activity):
    make_quiz(bare_activity, publish=False)
    found = problems(edited(bare_activity))
    assert any(NO_POST_TEST in problem for problem in found)


def test_a_live_post_test_at_the_minimum_makes_it_publishable(bare_activity):
    make_quiz(bare_activity, passing_score=70)
    assert problems(edited(bare_activity)) == []


def test_a_pass_mark_below_the_minimum_is_refused(bare_activity):
    make_quiz(bare_activity, passing_score=50)
    (problem,) = problems(edited(bare_activity))
    assert "has a pass mark of 50%" in problem and "at least 70%" in problem


def test_the_society_may_ask_for_more(bare_activity, settings):
    settings.LMS = {"MIN_PASS_MARK": 80}
    make_quiz(bare_activity, passing_score=70)
    (problem,) = problems(edited(bare_activity))
    assert "at least 80%" in problem


def test_completion_must_require_the_post_test(bare_activity):
    make_quiz(bare_activity)
    bare_activity.completion_requires_post_test = False
    bare_activity.save_revision()
    (problem,) = problems(bare_activity)
    assert "completing it must require passing its post-test" in problem


def test_an_activity_without_credit_needs_no_post_test(catalog):
    course = make_course(catalog, slug="no-credit")
    course.credit_designations = []
    course.save_revision()
    course = CoursePage.objects.get(pk=course.pk)
    assert problems(course) == []


# Every way of publishing asks the check.


def test_publishing_in_code_is_refused_and_changes_nothing(bare_activity):
    with pytest.raises(PublishRefused, match=NO_POST_TEST):
        edited(bare_activity).latest_revision.publish()
    bare_activity.refresh_from_db()
    assert bare_activity.summary == "A sample activity."
    make_quiz(bare_activity)
    bare_activity.latest_revision.publish()
    bare_activity.refresh_from_db()
    assert bare_activity.summary == "An edited summary."


def test_the_publish_button_keeps_the_draft_and_says_why(admin_client, catalog):
    data = course_data()
    data["completion_requires_post_test"] = "on"
    data["action-publish"] = "action-publish"
    response = admin_client.post(add_course_url(catalog), data, follow=True)
    page = CoursePage.objects.get(slug="admin-made-course")
    assert not page.live
    assert "Not published: It designates credit, so it needs a published post-test" in response.content.decode()


def test_a_workflow_approval_does_not_publish_it(bare_activity, editor, society_admin):
    state = edited(bare_activity).get_workflow().start(bare_activity, editor)
    task_state = state.current_task_state
    with pytest.raises(PublishRefused, match=NO_POST_TEST):
        task_state.task.specific.on_action(task_state, society_admin, "approve")
    bare_activity.refresh_from_db()
    assert bare_activity.summary == "A sample activity."


def test_scheduled_publishing_does_not_publish_it(bare_activity):
    revision = edited(bare_activity).latest_revision
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save()
    call_command("publish_scheduled", stdout=StringIO())  # cancelled, with the reason in its history
    bare_activity.refresh_from_db()
    assert bare_activity.summary == "A sample activity."


def test_the_loader_refuses_an_activity_without_its_post_test_and_loads_nothing(tmp_path, db):
    without = {key: value for key, value in COURSE.items() if key not in ("post_test", "quiz_bank")}
    without["estimated_minutes"] = 30  # the reading alone, with no test items
    write_curriculum(tmp_path, [without])
    pages = CoursePage.objects.count()
    with pytest.raises(CommandError, match=f"tiny-course.*{NO_POST_TEST}"):
        call_command("load_curriculum", directory=str(tmp_path), stdout=StringIO())
    assert CoursePage.objects.count() == pages


def test_the_loader_refuses_a_pass_mark_below_the_minimum(tmp_path, db):
    write_curriculum(tmp_path, [{**COURSE, "post_test": {**COURSE["post_test"], "passing_score": 60}}])
    with pytest.raises(CommandError, match="has a pass mark of 60%"):
        call_command("load_curriculum", directory=str(tmp_path), stdout=StringIO())
    assert not Quiz.objects.exists()


# The quiz form, and what learners see.


@pytest.mark.parametrize("passing_score", ["0", "69"])
def test_the_quiz_form_refuses_a_post_test_pass_mark_below_the_minimum(admin_client, bare_activity, passing_score):
    response = admin_client.post(reverse(ADD), quiz_data(bare_activity, passing_score=passing_score))
    assert response.status_code == 200
    assert "A post-test&#x27;s pass mark must be at least 70%" in response.content.decode()
    assert not Quiz.objects.exists()


def test_the_quiz_form_keeps_a_pre_test_without_a_pass_mark(admin_client, bare_activity):
    response = admin_client.post(reverse(ADD), quiz_data(bare_activity, role="pre_test", passing_score="0"))
    assert response.status_code == 302
    assert Quiz.objects.get().passing_score == 0


def test_learners_see_the_pass_mark_before_they_start(client, bare_activity):
    make_quiz(bare_activity, passing_score=75)
    edited(bare_activity).latest_revision.publish()
    html = client.get(bare_activity.url).content.decode()
    assert "Pass the post-test with a score of 75% or more." in html


@pytest.fixture
def catalog(bare_activity):
    return bare_activity.get_parent().specific


@pytest.fixture
def admin_client(client, society_admin):
    client.force_login(society_admin)
    return client
