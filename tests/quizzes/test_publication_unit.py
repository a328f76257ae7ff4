"""An activity publishes as one unit: one submission, one approval, and its modules and tests go live
with it in one transaction, or none of them does; an activity is never live while a required module
or its post-test stays a draft; an edit to a live activity's post-test waits for the activity's approval."""

import datetime
import io

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from courses.models import CoursePage, ModulePage
from courses.publishing_checks import PublishRefused, publish_problems
from quizzes.models import Quiz, QuizRole
from tests.courses.test_admin_forms import add_course_url, course_data
from tests.factories import make_catalog, make_course, make_home, make_module, make_quiz
from tests.quizzes.test_quiz_review import EDIT, edit_form, learner_sees


@pytest.fixture
def draft_activity(db):
    """An editor's draft activity, two draft modules and a draft post-test, each saved as a revision."""
    course = make_course(make_catalog(make_home(), slug="drafts"), slug="draft-activity", live=False)
    course.save_revision()
    for slug in ("module-1", "module-2"):
        make_module(course, slug=slug, live=False).save_revision()
    quiz = make_quiz(course, publish=False, passing_score=80)
    quiz.save_revision()
    return CoursePage.objects.get(pk=course.pk)


def live_state(course):
    return {
        "activity": CoursePage.objects.get(pk=course.pk).live,
        "modules": sorted(ModulePage.objects.child_of(course).values_list("live", flat=True)),
        "post-test": Quiz.objects.get(course=course, role=QuizRole.POST_TEST).live,
    }


def approve(course, editor, society_admin):
    state = course.get_workflow().start(course, editor)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, society_admin, "approve")
    state.refresh_from_db()
    return state


def test_one_approval_publishes_the_activity_its_modules_and_its_post_test(draft_activity, editor, society_admin):
    state = approve(draft_activity, editor, society_admin)
    assert state.status == state.STATUS_APPROVED
    assert live_state(draft_activity) == {"activity": True, "modules": [True, True], "post-test": True}
    assert Quiz.objects.live().get(course=draft_activity).passing_score == 80


def test_a_part_that_fails_to_publish_publishes_nothing(draft_activity, editor, society_admin, monkeypatch):
    publish_module = ModulePage.publish

    def failing(module, revision, *args, **kwargs):
        if module.slug == "module-2":
            raise RuntimeError("the database went away")
        return publish_module(module, revision, *args, **kwargs)

    monkeypatch.setattr(ModulePage, "publish", failing)
    state = draft_activity.get_workflow().start(draft_activity, editor)
    task_state = state.current_task_state
    with pytest.raises(RuntimeError):
        task_state.task.specific.on_action(task_state, society_admin, "approve")
    assert live_state(draft_activity) == {"activity": False, "modules": [False, False], "post-test": False}
    state.refresh_from_db()
    assert state.status == state.STATUS_IN_PROGRESS


def test_an_activity_with_a_required_module_that_cannot_go_live_is_refused(draft_activity, editor, society_admin):
    make_module(draft_activity, slug="module-3", title="Opioid tapering", live=False)  # no version to publish
    (problem,) = publish_problems(draft_activity.latest_revision.as_object())
    assert "module \u201cOpioid tapering\u201d is a draft" in problem
    with pytest.raises(PublishRefused, match="Opioid tapering"):
        approve(draft_activity, editor, society_admin)
    assert live_state(draft_activity)["activity"] is False


def test_an_optional_draft_module_does_not_hold_the_activity_back(draft_activity):
    make_module(draft_activity, slug="module-3", live=False, required=False)
    assert publish_problems(draft_activity.latest_revision.as_object()) == []


def test_a_module_sent_back_for_changes_holds_the_activity_back(draft_activity, editor, society_admin):
    module = ModulePage.objects.get(slug="module-1")
    state = module.get_workflow().start(module, editor)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, society_admin, "reject")
    (problem,) = publish_problems(draft_activity.latest_revision.as_object())
    assert "module \u201cModule module-1\u201d was sent back for changes" in problem


def test_the_publish_button_publishes_the_unit_and_names_its_parts(client, db, society_admin):
    catalog = make_catalog(make_home(), slug="drafts")
    client.force_login(society_admin)
    data = course_data()
    assert client.post(add_course_url(catalog), data).status_code == 302  # saved as a draft
    course = CoursePage.objects.get(slug="admin-made-course")
    make_module(course, slug="module-1", live=False).save_revision()
    make_quiz(course, publish=False).save_revision()
    data["credit_designations-0-id"] = course.credit_designations.get().pk
    data["credit_designations-INITIAL_FORMS"] = 1
    data["completion_requires_post_test"] = "on"
    data["action-publish"] = "action-publish"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[course.pk]), data)
    assert response.status_code == 302
    assert live_state(course) == {"activity": True, "modules": [True], "post-test": True}
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("module \u201cModule module-1\u201d" in m and "post-test" in m for m in messages), messages


def test_an_editors_pass_mark_change_waits_for_the_activitys_approval(client, quiz, learner, editor, society_admin):
    course = quiz.course
    client.force_login(editor)
    assert client.post(reverse(EDIT, args=[quiz.pk]), edit_form(quiz, "save", passing_score=90)).status_code == 302
    seen, _ = learner_sees(learner, quiz)
    assert (seen["intro pass mark"], seen["course page pass mark"], seen["attempt pass mark"]) == ("70", "70", 70)

    course.save_revision(user=editor)
    approve(CoursePage.objects.get(pk=course.pk), editor, society_admin)
    assert Quiz.objects.live().get(pk=quiz.pk).passing_score == 90


def test_a_scheduled_activity_takes_its_parts_live_when_its_time_comes(draft_activity, editor, society_admin):
    later = timezone.now() + datetime.timedelta(days=7)
    draft_activity.go_live_at = later
    revision = draft_activity.save_revision(user=editor)
    approve(CoursePage.objects.get(pk=draft_activity.pk), editor, society_admin)
    assert live_state(draft_activity) == {"activity": False, "modules": [False, False], "post-test": False}

    # A week later: the scheduled time has passed.
    revision.refresh_from_db()
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled", stdout=io.StringIO())
    assert live_state(draft_activity) == {"activity": True, "modules": [True, True], "post-test": True}


def test_the_reviewer_sees_each_part_with_its_state_and_a_compare_link(admin_client, quiz):
    course = quiz.course
    module = make_module(course, slug="module-1", title="Red flags")
    module.title = "Red flags and referral"
    changed = module.save_revision()
    course.save_revision()
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[course.pk])).content.decode()
    compare = reverse("wagtailadmin_pages:revisions_compare", args=(module.pk, "live", changed.pk))
    assert f'href="{compare}"' in html
    assert "live, changes to publish" in html  # the module
    assert f"Post-test \u201c{quiz.title}\u201d" in html and ">live<" in html  # the post-test, nothing waiting
