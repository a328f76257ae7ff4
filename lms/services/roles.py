"""The society's admin roles and the publishing workflow, kept in step after every migrate."""

import datetime

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.snippets.models import create_extra_permissions

from courses.models import Person
from courses.models.base import Page
from quizzes.models import QuestionBank, Quiz

from ..models import SocietyApprovalTask

SOCIETY_ADMINS = "Society admins"
EDITORS = "Editors"
REVIEW_WORKFLOW = "CME activity review"
REVIEW_TASK = "Society admin approval"
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"  # created by Wagtail's own migrations

# Snippets learners see whose changes go through the same review as activity pages: answer keys
# and pass marks, the items tests draw from, faculty disclosures.
REVIEWED_SNIPPETS = (Quiz, QuestionBank, Person)

ADMIN_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page")
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")

ADMIN_MODEL_PERMISSIONS = (
    "wagtailadmin.access_admin",
    "cme_courses.add_track",
    "cme_courses.change_track",
    "cme_courses.delete_track",
    "cme_courses.add_credittype",
    "cme_courses.change_credittype",
    "cme_courses.add_board",
    "cme_courses.change_board",
    "cme_courses.add_person",
    "cme_courses.change_person",
    "cme_courses.delete_person",
    "cme_courses.publish_person",
    "cme_courses.lock_person",
    "cme_courses.unlock_person",
    "cme_courses.change_cmestatementsettings",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
    "cme_quizzes.add_quiz",
    "cme_quizzes.change_quiz",
    "cme_quizzes.delete_quiz",
    "cme_quizzes.publish_quiz",
    "cme_quizzes.lock_quiz",
    "cme_quizzes.unlock_quiz",
    # Only the reviewers edit banks: an import or a download moves a whole bank, with its key, at once.
    "cme_quizzes.add_questionbank",
    "cme_quizzes.change_questionbank",
    "cme_quizzes.delete_questionbank",
    "cme_quizzes.view_questionbank",
    "cme_quizzes.publish_questionbank",
    "cme_quizzes.lock_questionbank",
    "cme_quizzes.unlock_questionbank",
    "cme_lms.view_member",
    "cme_lms.change_member",
    "cme_lms.add_portalclient",
    "cme_lms.change_portalclient",
    "cme_lms.view_portalclient",
    "cme_lms.add_portalapikey",
    "cme_lms.change_portalapikey",
    "cme_lms.view_portalapikey",
    "cme_lms.view_webhookdelivery",
    "cme_lms.add_ltiplatform",
    "cme_lms.change_ltiplatform",
    "cme_lms.view_ltiplatform",
)
EDITOR_MODEL_PERMISSIONS = (
    "wagtailadmin.access_admin",
    "cme_courses.add_track",
    "cme_courses.change_track",
    "cme_courses.add_person",
    "cme_courses.change_person",
    "cme_quizzes.add_quiz",
    "cme_quizzes.change_quiz",
    "wagtailimages.add_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.choose_document",
)


# What each role may do, shown beside the groups in Settings > Groups.
ROLE_DESCRIPTIONS = {
    SOCIETY_ADMINS: (
        "Publish activities, tests and faculty disclosures and approve what others submit for review; "
        "create credit types, certifying boards and tracks; edit the CME statements; see members, learner "
        "records and reports; import members, export PARS, revoke certificates, grant attempts, record "
        "completions; manage portals and their keys."
    ),
    EDITORS: (
        "Draft activities, modules and tests, start activities from templates, create tracks and faculty with "
        "their disclosures, and submit them for review. Cannot publish, approve, create credit types or see learners."
    ),
}


def _permissions(labels):
    found = []
    for label in labels:
        app_label, codename = label.split(".")
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


def _grant_page_permissions(group, root, codenames):
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=root,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )


def _replace_plain_approval(steps):
    """A site made before the submitter rule has the review step as Wagtail's plain group approval:
    the same step with the same groups, now refusing self-approval, takes its place. Requests in
    progress finish at the old step. A step an admin changed or added is left as it is."""
    if steps.count() != 1:
        return
    step = steps.select_related("task").get()
    if step.task.name != REVIEW_TASK or step.task.specific_class is not GroupApprovalTask:
        return
    old = step.task.specific
    task = SocietyApprovalTask.objects.create(name=REVIEW_TASK)
    task.groups.set(old.groups.all())
    step.task = task
    step.save(update_fields=["task"])
    old.active = False
    old.name = f"{REVIEW_TASK} (before {datetime.date.today():%Y-%m-%d})"
    old.save(update_fields=["active", "name"])


@transaction.atomic
def ensure_roles():
    """Create or complete the groups and the review workflow; never removes what admins added."""
    root = Page.get_first_root_node()
    admins, _ = Group.objects.get_or_create(name=SOCIETY_ADMINS)
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    admins.permissions.add(*_permissions(ADMIN_MODEL_PERMISSIONS))
    editors.permissions.add(*_permissions(EDITOR_MODEL_PERMISSIONS))

    workflow, _ = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    steps = WorkflowTask.objects.filter(workflow=workflow)
    if not steps.exists():
        task = SocietyApprovalTask.objects.create(name=REVIEW_TASK)
        task.groups.set([admins])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    else:
        _replace_plain_approval(steps)
    for model in REVIEWED_SNIPPETS:
        # An admin who assigned another workflow to the model keeps it.
        WorkflowContentType.objects.get_or_create(
            content_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
            defaults={"workflow": workflow},
        )
    if root is None:
        return
    _grant_page_permissions(admins, root, ADMIN_PAGE_PERMISSIONS)
    _grant_page_permissions(editors, root, EDITOR_PAGE_PERMISSIONS)

    assigned = WorkflowPage.objects.filter(page=root).select_related("workflow").first()
    if assigned is None:
        WorkflowPage.objects.create(page=root, workflow=workflow)
    elif assigned.workflow.name == WAGTAIL_DEFAULT_WORKFLOW:
        assigned.workflow = workflow
        assigned.save(update_fields=["workflow"])


def ensure_roles_after_migrate(sender, using="default", **kwargs):
    # Permissions of apps later in INSTALLED_APPS are created by their own post_migrate
    # handlers, which have not run yet when ours does.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    # Wagtail's own handler adds the snippets' publish, lock and unlock permissions, perhaps after ours.
    create_extra_permissions(apps.get_app_config("wagtailsnippets"), using=using)
    ensure_roles()
