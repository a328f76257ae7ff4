"""Whoever submitted a page or snippet for review cannot approve it, unless they are the only one
who could (LMS["SELF_APPROVAL"]: "only-admin" by default, "never", "allowed")."""

import itertools

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import TaskState

from courses.models import Person
from lms.models import SocietyApprovalTask
from lms.services.roles import REVIEW_TASK, REVIEW_WORKFLOW, SOCIETY_ADMINS, ensure_roles
from tests.factories import make_catalog, make_course, make_home, make_person, make_quiz, user_in

_names = itertools.count()


def admin():
    return user_in(SOCIETY_ADMINS, f"admin-{next(_names)}")


def submit_page(user):
    course = make_course(make_catalog(make_home()))
    make_quiz(course)  # the post-test its credit needs to be published
    course.summary = f"Edited by {user.username}."
    course.save_revision(user=user)
    state = course.get_workflow().start(course, user)
    return course, state.current_task_state


def submit_snippet(user):
    person = make_person(publish=True)
    person.credentials = "MD, PhD"
    person.save_revision(user=user)
    state = Person.get_default_workflow().start(person, user)
    return person, state.current_task_state


def approve_names(task_state, obj, user):
    return [name for name, *_ in task_state.task.specific.get_actions(obj, user) if name == "approve"]


SUBMISSIONS = {"page": submit_page, "snippet": submit_snippet}


@pytest.mark.parametrize("kind", SUBMISSIONS)
def test_the_submitter_cannot_approve_while_another_admin_can(db, kind):
    submitter, colleague = admin(), admin()
    obj, task_state = SUBMISSIONS[kind](submitter)
    assert isinstance(task_state.task.specific, SocietyApprovalTask)
    assert approve_names(task_state, obj, submitter) == []
    assert approve_names(task_state, obj, colleague) == ["approve", "approve"]
    with pytest.raises(PermissionDenied):
        task_state.task.specific.on_action(task_state, submitter, "approve")
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    mine = task_state.task.specific.get_task_states_user_can_moderate(submitter)
    assert task_state not in mine, "not listed as awaiting the submitter's review"
    assert task_state in task_state.task.specific.get_task_states_user_can_moderate(colleague)

    task_state.task.specific.on_action(task_state, colleague, "approve")
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED


def action_url(kind, obj, task_state):
    if kind == "page":
        return reverse("wagtailadmin_pages:workflow_action", args=(obj.pk, "approve", task_state.pk))
    return reverse(Person.snippet_viewset.get_url_name("workflow_action"), args=(obj.pk, "approve", task_state.pk))


@pytest.mark.parametrize("kind", SUBMISSIONS)
def test_the_admin_refuses_the_submitters_approval(client, db, kind):
    submitter, colleague = admin(), admin()
    obj, task_state = SUBMISSIONS[kind](submitter)
    client.force_login(submitter)
    response = client.post(action_url(kind, obj, task_state))
    assert response.status_code in (302, 403)
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    obj.refresh_from_db()
    assert obj.live_revision_id != task_state.revision_id

    client.force_login(colleague)
    client.post(action_url(kind, obj, task_state))
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED


@pytest.mark.parametrize("kind", SUBMISSIONS)
def test_the_only_society_admin_approves_their_own_request(db, kind):
    only = admin()
    obj, task_state = SUBMISSIONS[kind](only)
    assert approve_names(task_state, obj, only) == ["approve", "approve"]
    task_state.task.specific.on_action(task_state, only, "approve")
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED


def test_an_inactive_admin_does_not_count_as_another_approver(db):
    only, former = admin(), admin()
    former.is_active = False
    former.save()
    obj, task_state = submit_page(only)
    assert approve_names(task_state, obj, only) == ["approve", "approve"]


@pytest.mark.parametrize(
    ("rule", "alone", "with_colleague"), [("never", [], []), ("allowed", ["approve"] * 2, ["approve"] * 2)]
)
def test_the_setting_decides(db, settings, rule, alone, with_colleague):
    settings.LMS = {"SELF_APPROVAL": rule}
    only = admin()
    obj, task_state = submit_page(only)
    assert approve_names(task_state, obj, only) == alone
    admin()
    assert approve_names(task_state, obj, only) == with_colleague


def test_a_site_made_before_the_rule_gets_the_step_replaced_once(db):
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

    workflow = Workflow.objects.get(name=REVIEW_WORKFLOW)
    step = WorkflowTask.objects.get(workflow=workflow)
    groups = list(step.task.specific.groups.all())
    plain = GroupApprovalTask.objects.create(name=REVIEW_TASK)
    plain.groups.set(groups)
    step.task = plain
    step.save()

    ensure_roles()
    step.refresh_from_db()
    assert isinstance(step.task.specific, SocietyApprovalTask)
    assert list(step.task.specific.groups.all()) == groups
    plain.refresh_from_db()
    assert not plain.active
    ensure_roles()
    assert WorkflowTask.objects.get(workflow=workflow).task_id == step.task_id
