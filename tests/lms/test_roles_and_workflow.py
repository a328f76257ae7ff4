import itertools

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, Workflow

from lms.services.roles import EDITORS, REVIEW_WORKFLOW, SOCIETY_ADMINS, ensure_roles
from tests.factories import make_catalog, make_course, make_home, make_quiz, user_in


@pytest.fixture
def course(db):
    course = make_course(make_catalog(make_home()))
    make_quiz(course)  # the post-test its credit needs to be published
    return course


_usernames = itertools.count()


def member_of(group_name):
    return user_in(group_name, f"staff-{next(_usernames)}")


def test_editors_draft_but_cannot_publish(course):
    permissions = course.permissions_for_user(member_of(EDITORS))
    assert permissions.can_edit()
    assert not permissions.can_publish()


def test_society_admins_publish(course):
    assert course.permissions_for_user(member_of(SOCIETY_ADMINS)).can_publish()


def test_activities_go_through_society_admin_approval(course):
    workflow = course.get_workflow()
    assert workflow.name == REVIEW_WORKFLOW
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [SOCIETY_ADMINS]


def test_editor_submission_waits_for_an_admin(course):
    editor = member_of(EDITORS)
    admin = member_of(SOCIETY_ADMINS)
    course.summary = "Edited by an editor."
    revision = course.save_revision(user=editor)
    state = course.get_workflow().start(course, editor)
    task = state.current_task_state.task.specific
    assert task.get_actions(course, editor) == []
    assert "approve" in [name for name, *_ in task.get_actions(course, admin)]
    task.on_action(state.current_task_state, admin, "approve")
    course.refresh_from_db()
    assert course.live_revision_id == revision.pk
    assert course.summary == "Edited by an editor."


def test_ensure_roles_is_idempotent(db):
    ensure_roles()
    counts = (Group.objects.count(), Workflow.objects.count(), Page.objects.count())
    ensure_roles()
    assert (Group.objects.count(), Workflow.objects.count(), Page.objects.count()) == counts


def test_learners_never_reach_the_admin(client, db):
    from tests.factories import MemberFactory

    client.force_login(MemberFactory(user__username="learner-only").user)
    for url in ("/admin/", "/admin/snippets/cme_lms/member/", "/admin/pages/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), url


def test_editors_see_no_learner_records(client, db):
    client.force_login(member_of(EDITORS))
    assert client.get("/admin/").status_code == 200
    response = client.get("/admin/snippets/cme_lms/member/")
    assert response.status_code == 302 and not response["Location"].startswith("/admin/snippets/cme_lms/member/")


def test_society_admins_see_learner_records(client, db):
    client.force_login(member_of(SOCIETY_ADMINS))
    assert client.get("/admin/snippets/cme_lms/member/").status_code == 200


def test_quizzes_question_banks_and_disclosures_go_through_the_same_review(db):
    from courses.models import Person
    from quizzes.models import QuestionBank, Quiz

    ensure_roles()
    for model in (Quiz, QuestionBank, Person):
        workflow = model.get_default_workflow()
        assert workflow.name == REVIEW_WORKFLOW, model
        assert list(workflow.tasks.get().specific.groups.values_list("name", flat=True)) == [SOCIETY_ADMINS]


def test_only_society_admins_publish_quizzes_and_disclosures(db):
    editor, admin = member_of(EDITORS), member_of(SOCIETY_ADMINS)
    for permission in ("cme_quizzes.publish_quiz", "cme_quizzes.publish_questionbank", "cme_courses.publish_person"):
        assert admin.has_perm(permission) and not editor.has_perm(permission), permission
    for permission in ("cme_quizzes.change_quiz", "cme_courses.change_person"):
        assert editor.has_perm(permission), permission


def test_a_workflow_an_admin_chose_for_quizzes_is_kept(db):
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import WorkflowContentType

    from quizzes.models import Quiz

    other = Workflow.objects.create(name="Two reviewers")
    WorkflowContentType.objects.filter(content_type=ContentType.objects.get_for_model(Quiz)).update(workflow=other)
    ensure_roles()
    assert Quiz.get_default_workflow() == other
    assert WorkflowContentType.objects.count() == 3
