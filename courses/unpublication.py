"""An activity goes offline as one unit: unpublishing it unpublishes its live modules and tests.

Every way of unpublishing a page sends `page_unpublished` (the admin's Unpublish action with or
without its descendants, the bulk action, scheduled expiry, `page.unpublish()` from code, the admin
API), and for an activity the receiver here takes its parts offline, so none stays reachable.
`CoursePage.unpublish`, the admin's Unpublish action (through `before_unpublish_page`, also for
an ancestor unpublished with its descendants) and the admin API's unpublish action
(courses/admin_api.py) run the activity and its parts in one transaction: they go offline together
or not at all. Learner records are not touched: completions, claims and
certificates stay as earned, and publishing the activity again brings the parts back.
"""

from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from wagtail import hooks
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.signals import page_unpublished

from .models import CoursePage
from .publication_unit import unpublish_parts


def take_parts_offline(sender, instance, **kwargs):
    if isinstance(instance, CoursePage):
        with transaction.atomic():
            unpublish_parts(instance)


def connect_receivers():
    page_unpublished.connect(take_parts_offline, dispatch_uid="activity-parts-unpublished")


def touches_an_activity(page, include_descendants):
    return isinstance(page.specific, CoursePage) or (
        include_descendants and CoursePage.objects.descendant_of(page).live().exists()
    )


def unpublish_activity_as_a_unit(request, page):
    """The admin's Unpublish action, run in one transaction when it takes an activity offline; the
    rest (the after hooks, the message, the redirect) is what Wagtail's own view does."""
    include_descendants = bool(request.POST.get("include_descendants"))
    if not touches_an_activity(page, include_descendants):
        return None
    with transaction.atomic():
        action = UnpublishPageAction(page, user=request.user, include_descendants=include_descendants)
        action.execute(skip_permission_checks=True)
    for after in hooks.get_hooks("after_unpublish_page"):
        response = after(request, page)
        if response:
            return response
    edit = messages.button(reverse("wagtailadmin_pages:edit", args=(page.pk,)), "Edit")
    messages.success(request, f"Page '{page.get_admin_display_title()}' unpublished.", buttons=[edit])
    parent_listing = reverse("wagtailadmin_explore", args=(page.get_parent().id,))
    return redirect(get_valid_next_url_from_request(request) or parent_listing)
