"""Every Wagtail admin hook of lms, registered when `lms.wagtail_hooks` imports this module.

Read top to bottom: permission policies, members, portal clients and keys, LTI platforms, the CME
records screens (with the PARS, CPE Monitor and import screens), the admin stylesheet and the
audit-log actions; then the feature packages that keep their admin beside their rules."""

from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from ..lti.admin import LtiPlatformViewSet
from ..models import LtiPlatform, Member, PortalAPIKey, PortalClient
from . import portal_keys, portals
from .log_actions import LOG_ACTIONS
from .members import MemberViewSet, keep_the_members_copy_of_the_address, refuse_an_address_another_member_has
from .records.menu import records_menu_item, records_urls

for model in (Member, PortalClient, PortalAPIKey, LtiPlatform):
    register_permission_policy(model)

register_snippet(MemberViewSet)
hooks.register("before_edit_user", refuse_an_address_another_member_has)
hooks.register("after_edit_user", keep_the_members_copy_of_the_address)


@hooks.register("register_admin_viewset")
def register_portal_clients():
    return portals.PortalClientViewSet("portal_clients")


@hooks.register("register_admin_urls")
def register_portal_key_urls():
    return portal_keys.portal_key_urls()


@hooks.register("register_admin_menu_item")
def register_portal_keys_menu_item():
    return portal_keys.PortalKeysMenuItem("Portal API keys", reverse("lms_portal_keys"), icon_name="key", order=331)


@hooks.register("register_admin_viewset")
def register_lti_platforms():
    return LtiPlatformViewSet("lti_platforms")


@hooks.register("register_admin_urls")
def register_records_urls():
    return records_urls()


@hooks.register("register_admin_menu_item")
def register_records_menu():
    return records_menu_item()


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("lms/admin.css"))


@hooks.register("register_log_actions")
def register_log_actions(actions):
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)


# Feature packages keep their admin views beside their rules and register their hooks on import:
# the reports (URLs, Reports menu items, dashboard panel) and the webhook delivery log.
from ..reports import admin as _reports_admin  # noqa: E402, F401
from ..webhooks import admin as _webhooks_admin  # noqa: E402, F401
