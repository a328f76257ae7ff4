"""Members, portal clients and API keys in the Wagtail admin, and the audit-log actions of records."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from ..lti.admin import LtiPlatformViewSet
from ..models import LtiPlatform, Member, PortalAPIKey, PortalClient
from ..services.account_email import CHANGE_CONFIRMED_ACTION, CHANGE_REQUESTED_ACTION
from ..services.boards import BOARD_CERTIFICATION_ACTION
from ..services.certificates import ISSUE_ACTION, REVOKE_ACTION, SUPERSEDE_ACTION
from ..services.credit import CLAIM_ACTION, MOC_ACTION, PARTICIPATION_ACTION
from ..services.members import ANONYMIZE_ACTION
from ..services.nabp import NABP_DETAILS_ACTION
from ..services.portal_keys import REVOKE_KEY_ACTION, ROTATE_KEY_ACTION, WEBHOOK_ROTATION_ACTION
from ..services.retention import REMOVE_ACTION, VIEW_ACTION
from ..sso.linking import LINKED_ACTION
from ..webhooks.outbox import PING_ACTION
from . import portal_keys, portals, retained
from .members import MemberViewSet, keep_the_members_copy_of_the_address, refuse_an_address_another_member_has

for model in (Member, PortalClient, PortalAPIKey, LtiPlatform):
    register_permission_policy(model)

register_snippet(MemberViewSet)
hooks.register("before_edit_user", refuse_an_address_another_member_has)
hooks.register("after_edit_user", keep_the_members_copy_of_the_address)


@hooks.register("register_admin_viewset")
def register_portal_clients():
    return portals.PortalClientViewSet("portal_clients")


@hooks.register("register_admin_viewset")
def register_lti_platforms():
    return LtiPlatformViewSet("lti_platforms")


@hooks.register("register_admin_urls")
def register_portal_key_urls():
    return [
        path("portal-keys/", portal_keys.portal_keys, name="lms_portal_keys"),
        path("portal-keys/<str:prefix>/revoke/", portal_keys.RevokeKeyView.as_view(), name="lms_revoke_portal_key"),
        path("portal-keys/<str:prefix>/rotate/", portal_keys.rotate_key, name="lms_rotate_portal_key"),
        path(
            "portal-webhooks/<int:pk>/rotate-secret/",
            portal_keys.rotate_webhook_secret,
            name="lms_rotate_webhook_secret",
        ),
        path("portal-webhooks/<int:pk>/ping/", portal_keys.ping_webhook, name="lms_ping_webhook"),
        path("cme-records/retained/", retained.retained_records, name="lms_retained_records"),
    ]


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("lms/admin.css"))


@hooks.register("register_admin_menu_item")
def register_portal_keys_menu_item():
    return portal_keys.PortalKeysMenuItem("Portal API keys", reverse("lms_portal_keys"), icon_name="key", order=331)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(REVOKE_ACTION, "Revoke certificate", "Certificate revoked")
    actions.register_action(CLAIM_ACTION, "Claim credit", "Credit claimed")
    actions.register_action(MOC_ACTION, "Claim MOC", "MOC points claimed for a board")
    actions.register_action(PARTICIPATION_ACTION, "Record participation", "Participation recorded, no credit claimed")
    actions.register_action(ISSUE_ACTION, "Issue certificate", "Certificate issued")
    actions.register_action(SUPERSEDE_ACTION, "Supersede certificate", "Certificate superseded by a later version")
    actions.register_action(
        BOARD_CERTIFICATION_ACTION, "Save board certification", "Board certification and consent saved"
    )
    actions.register_action(NABP_DETAILS_ACTION, "Save NABP details", "NABP e-Profile ID and birth day saved")
    actions.register_action(ANONYMIZE_ACTION, "Anonymize member", "Member anonymized")
    actions.register_action(VIEW_ACTION, "View retained record", "Retained record of an anonymized member viewed")
    actions.register_action(REMOVE_ACTION, "Delete retained record", "Retention window ended; retained record deleted")
    actions.register_action(REVOKE_KEY_ACTION, "Revoke API key", "API key revoked")
    actions.register_action(
        ROTATE_KEY_ACTION, "Rotate API key", "API key rotated; the old key expires after the overlap"
    )
    actions.register_action(WEBHOOK_ROTATION_ACTION, "Rotate webhook secret", "Webhook secret rotated")
    actions.register_action(PING_ACTION, "Send test webhook", "Test webhook event queued")
    actions.register_action(CHANGE_REQUESTED_ACTION, "Request e-mail change", "New e-mail waits for confirmation")
    actions.register_action(CHANGE_CONFIRMED_ACTION, "Confirm e-mail change", "New e-mail confirmed by the member")
    actions.register_action(LINKED_ACTION, "Link society sign-in", "Linked to the society's sign-in")
