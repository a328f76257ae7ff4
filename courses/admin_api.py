"""Wagtail's admin API with its unpublish action run in one transaction, like the admin's Unpublish
button: an activity and its parts go offline together or not at all (courses/unpublication.py)."""

from django.db import transaction
from wagtail.admin.api.actions.unpublish import UnpublishPageAPIAction
from wagtail.admin.api.views import PagesAdminAPIViewSet


class UnpublishAsAUnit(UnpublishPageAPIAction):
    def execute(self, instance, data):
        with transaction.atomic():
            return super().execute(instance, data)


class PagesAdminAPI(PagesAdminAPIViewSet):
    actions = {**PagesAdminAPIViewSet.actions, "unpublish": UnpublishAsAUnit}


def unpublish_as_a_unit(router):
    router.register_endpoint("pages", PagesAdminAPI)
