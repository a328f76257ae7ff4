"""Wagtail's admin API, with the two actions on an activity that must follow its own rules.

Unpublishing runs in one transaction, like the admin's Unpublish button: an activity and its parts
go offline together or not at all (courses/unpublication.py). Copying an activity goes through the
copy rule (courses/copying.py), like the admin's Copy: the copy is a draft in the same catalog,
with its modules and tests and without the original's dates.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from wagtail.admin.api.actions.copy import CopyPageAPIAction
from wagtail.admin.api.actions.unpublish import UnpublishPageAPIAction
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.coreutils import find_available_slug

from .copying import copy_activity
from .models import CoursePage

OWN_CATALOG = "An activity is copied into its own catalog; move the copy afterwards."


class UnpublishAsAUnit(UnpublishPageAPIAction):
    def execute(self, instance, data):
        with transaction.atomic():
            return super().execute(instance, data)


class CopyByTheCopyRule(CopyPageAPIAction):
    def execute(self, instance, data):
        if not isinstance(instance.specific, CoursePage):
            return super().execute(instance, data)
        catalog = instance.get_parent()
        if data.get("destination_page_id", catalog.pk) != catalog.pk:
            raise ValidationError({"destination_page_id": [OWN_CATALOG]})
        try:
            copy = copy_activity(
                instance,
                title=data.get("title", f"{instance.title} (copy)"),
                slug=data.get("slug") or find_available_slug(catalog, instance.slug),
                user=self.request.user,
            )
        except DjangoValidationError as error:
            raise ValidationError(error.message_dict) from error
        return Response(self.view.get_serializer(copy).data, status=status.HTTP_201_CREATED)


class PagesAdminAPI(PagesAdminAPIViewSet):
    actions = {**PagesAdminAPIViewSet.actions, "unpublish": UnpublishAsAUnit, "copy": CopyByTheCopyRule}


def activities_by_their_rules(router):
    router.register_endpoint("pages", PagesAdminAPI)
