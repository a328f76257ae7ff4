"""The per-portal delivery log in the Wagtail admin: read-only, filterable, with "Redeliver".

Deliveries are a record of what was sent, so the viewset has no add, edit or delete views; the
one action is a POST that queues a delivery again.
"""

from django.contrib import messages
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views import View
from wagtail import hooks
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.permissions import policy_registry, register_permission_policy

from lms.models import PortalClient, WebhookDelivery, WebhookEvent

from .outbox import REDELIVER_ACTION, redeliver

VIEWSET_NAME = "webhook_deliveries"

register_permission_policy(WebhookEvent)
register_permission_policy(WebhookDelivery)


# Whoever may change portal clients (and so their webhook URL and secret) may resend to them.
REDELIVER_PERMISSION = "change"


def portal_policy():
    return policy_registry.get_by_type(PortalClient)


def can_redeliver(user):
    return portal_policy().user_has_permission(user, REDELIVER_PERMISSION)


def _redeliver_button(delivery):
    # w-action#post submits a POST form with the CSRF token and `next` set to the current page.
    return Button(
        "Redeliver",
        icon_name="resubmit",
        attrs={
            "data-controller": "w-action",
            "data-action": "w-action#post",
            "data-w-action-url-value": reverse(f"{VIEWSET_NAME}:redeliver", args=(delivery.pk,)),
        },
        priority=15,
    )


class DeliveryIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event", "client")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if can_redeliver(self.request.user):
            buttons.append(_redeliver_button(instance))
        return buttons


class DeliveryInspectView(InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(WebhookDelivery.objects.select_related("event", "client"), pk=self.pk)

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if can_redeliver(self.request.user):
            buttons.append(_redeliver_button(self.object))
        return buttons


class RedeliverView(PermissionCheckedMixin, View):
    http_method_names = ["post"]
    index_url_name = None
    permission_required = REDELIVER_PERMISSION

    @cached_property
    def permission_policy(self):
        return portal_policy()

    def post(self, request, pk):
        delivery = redeliver(get_object_or_404(WebhookDelivery, pk=pk), by=request.user)
        messages.success(
            request, f"Queued {delivery.event.type} event {delivery.event_id} for {delivery.client} again."
        )
        return redirect(get_valid_next_url_from_request(request) or reverse(self.index_url_name))


class DeliveryURLFinder(ModelAdminURLFinder):
    # Log entries (Wagtail's history reports) link a delivery to its inspect page: there is no edit page.
    def get_edit_url(self, instance):
        if self.user and not policy_registry.get(instance).user_has_permission(self.user, "view"):
            return None
        return reverse(f"{VIEWSET_NAME}:inspect", args=(instance.pk,))


class WebhookDeliveryViewSet(ModelViewSet):
    model = WebhookDelivery
    name = VIEWSET_NAME
    icon = "resubmit"
    menu_label = "Webhook deliveries"
    add_to_settings_menu = True
    menu_order = 950
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = DeliveryIndexView
    inspect_view_class = DeliveryInspectView
    url_finder_class = DeliveryURLFinder
    list_display = [
        "event__type",
        "event_id",
        "client",
        "status",
        "attempts",
        "last_status_code",
        "next_attempt_at",
        "last_attempt_at",
    ]
    list_filter = ["client", "status", "event__type"]
    inspect_view_fields = [
        "event",
        "client",
        "status",
        "attempts",
        "last_attempt_at",
        "last_status_code",
        "last_error",
        "next_attempt_at",
        "give_up_at",
        "delivered_at",
        "leased_until",
    ]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            add_url_name=None,
            edit_url_name=None,
            delete_url_name=None,
            history_url_name=None,
            usage_url_name=None,
            **kwargs,
        )

    @property
    def redeliver_view(self):
        return RedeliverView.as_view(index_url_name=self.get_url_name("index"))

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("redeliver/<int:pk>/", self.redeliver_view, name="redeliver"),
        ]

    def get_permissions_to_register(self):
        # Only "view" means anything for a log; redelivering follows the portal client permission.
        return Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(WebhookDelivery), codename="view_webhookdelivery"
        )


@hooks.register("register_admin_viewset")
def register_webhook_deliveries():
    return WebhookDeliveryViewSet()


@hooks.register("register_log_actions")
def register_webhook_log_actions(actions):
    actions.register_action(REDELIVER_ACTION, "Redeliver webhook", "Webhook delivery queued again")
