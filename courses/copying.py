"""Copying an activity, or starting one from a template: one rule for every way in.

The copy is a draft under the same catalog with the original's latest content and its modules;
other apps bring what they attach through the `cme_activity_copied` hook (quizzes: the pre-test,
post-test and knowledge checks), in the same transaction, so a copy is never half made. It has no
release, review or expiry date and is never a template (`CoursePage.exclude_fields_in_copy`), so it
cannot be published, award credit or be claimed for until its author has set them.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from wagtail import hooks

from . import hooks as cme_hooks
from .models import ModulePage


def may_copy(activity, user):
    """Wagtail's page permission to copy the activity, with its modules, into its own catalog."""
    return activity.permissions_for_user(user).can_copy_to(activity.get_parent(), recursive=True)


@transaction.atomic
def copy_activity(activity, *, title, slug, user=None):
    """The copy, a draft; a slug already used in the catalog is Wagtail's ValidationError and copies nothing.
    A `user` who may not copy it is refused (PermissionDenied); code copying on its own account passes none."""
    activity = activity.specific
    if user is not None and not may_copy(activity, user):
        raise PermissionDenied
    copy = activity.copy(
        recursive=True,
        to=activity.get_parent(),
        update_attrs={"title": title, "slug": slug},
        keep_live=False,
        user=user,
    ).specific
    copied = {module.slug: module for module in ModulePage.objects.child_of(copy)}
    modules = {module.pk: copied[module.slug] for module in ModulePage.objects.child_of(activity)}
    for fn in hooks.get_hooks(cme_hooks.ACTIVITY_COPIED):
        fn(activity, copy, modules, user)
    return copy
