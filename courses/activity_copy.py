"""The admin's way to copy an activity or start one from a template; both go through
`courses.copying.copy_activity`. Wagtail's own "Copy" of an activity is sent here, so no copy of an
activity is made without its tests or with the original's dates."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify
from wagtail.admin.widgets.button import Button

from .copying import copy_activity, may_copy
from .models import CoursePage

DATES_TO_SET = "Set its release, last review and expiration dates: it cannot be published without them."


class ActivityCopyForm(forms.Form):
    title = forms.CharField(max_length=255)
    slug = forms.SlugField(max_length=255, allow_unicode=True, help_text="The new activity's address in the catalog.")


def copy_view(request, page_id):
    activity = get_object_or_404(CoursePage, pk=page_id).specific
    if not may_copy(activity, request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = ActivityCopyForm(request.POST)
        if form.is_valid():
            try:
                copy = copy_activity(
                    activity, title=form.cleaned_data["title"], slug=form.cleaned_data["slug"], user=request.user
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                started = "Started from the template" if activity.is_template else "Copied"
                messages.success(request, f"{started} “{activity.title}” with its modules and tests. {DATES_TO_SET}")
                return redirect("wagtailadmin_pages:edit", copy.pk)
    else:
        title = "" if activity.is_template else f"{activity.title} (copy)"
        form = ActivityCopyForm(initial={"title": title, "slug": slugify(title, allow_unicode=True)})
    return TemplateResponse(request, "courses/admin/activity_copy.html", {"activity": activity, "form": form})


def send_activity_copies_here(request, page):
    """before_copy_page: an activity is copied by its own rule, not by Wagtail's page copy."""
    if issubclass(page.specific_class, CoursePage):
        return redirect("courses_copy_activity", page.pk)
    return None


def template_buttons(page, user, *args, **kwargs):
    """ "New activity from template" on a template, in its header and the listing's menu."""
    specific = page.specific_deferred
    if not (isinstance(specific, CoursePage) and specific.is_template):
        return
    if may_copy(page, user):
        yield Button(
            "New activity from template",
            reverse("courses_copy_activity", args=[page.pk]),
            icon_name="doc-full-inverse",
            priority=5,
        )
