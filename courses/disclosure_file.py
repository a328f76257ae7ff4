"""The activity file's record of disclosures: what learners were shown with each published revision,
newest first, for anyone who may edit the activity."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin.widgets.button import Button

from .disclosures import Disclosure
from .models import CoursePage


def published_disclosures(request, page_id):
    page = get_object_or_404(CoursePage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    records = [
        (record, [Disclosure.from_record(data) for data in record.faculty])
        for record in page.published_disclosures.select_related("revision")
    ]
    return TemplateResponse(
        request,
        "courses/admin/published_disclosures.html",
        {"page": page, "records": records, "live_revision_id": page.live_revision_id},
    )


def header_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, CoursePage) and page.permissions_for_user(user).can_edit():
        yield Button(
            "Disclosures as published",
            reverse("courses_published_disclosures", args=[page.pk]),
            icon_name="list-ul",
            priority=66,
        )
