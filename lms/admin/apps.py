"""Wagtail's users app with the society's screens: users listed as staff or learners, groups with
what each role may do. List it in INSTALLED_APPS in place of "wagtail.users" (docs/install.md)."""

from wagtail.users.apps import WagtailUsersAppConfig


class CMEUsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "lms.admin.users.CMEUserViewSet"
    group_viewset = "lms.admin.users.CMEGroupViewSet"
