"""The portal API keys page: issue, rotate and revoke keys, rotate webhook secrets, send a test event.

Every change is a POST answered by a redirect (a refresh repeats nothing); a new key or secret is
shown once on the page after it (shown_once). Keys are named in URLs by their public prefix, never
by their primary key, which carries the stored hash."""

import datetime

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils import timezone
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.log_actions import log
from wagtail.permissions import policy_registry

from content.refusals import Refused

from ..models import PortalAPIKey, PortalClient
from ..services import portal_keys as portal_credentials
from ..webhooks.outbox import send_ping
from . import shown_once

# Keys and webhook secrets are the portal's credentials: whoever may change portal clients manages them.
MANAGE_KEYS = "change"


def portal_policy():
    return policy_registry.get_by_type(PortalClient)


class PortalKeysMenuItem(MenuItem):
    def is_shown(self, request):
        return portal_policy().user_has_permission(request.user, MANAGE_KEYS)


class PortalKeysPermission(PermissionCheckedMixin):
    permission_required = MANAGE_KEYS

    @cached_property
    def permission_policy(self):
        return portal_policy()


class IssueKeyForm(forms.Form):
    client = forms.ModelChoiceField(queryset=PortalClient.objects.filter(is_active=True), label="Portal")
    name = forms.CharField(max_length=50, help_text="What the key is for, e.g. 'production portal'.")


class OverlapForm(forms.Form):
    overlap_hours = forms.IntegerField(
        min_value=0, max_value=720, initial=24, help_text="How long the old credential keeps working."
    )


def key_status(api_key, now):
    """(label, primary) of the key's status tag: primary while the key is accepted."""
    if api_key.revoked:
        return "Revoked", False
    if api_key.expiry_date and api_key.expiry_date <= now:
        return "Expired", False
    if api_key.expiry_date:
        return f"Active until {timezone.localtime(api_key.expiry_date):%d %b %Y %H:%M}", True
    return "Active", True


def _key(prefix):
    return get_object_or_404(PortalAPIKey.objects.select_related("client"), prefix=prefix)


class PortalKeysView(PortalKeysPermission, WagtailAdminTemplateMixin, FormView):
    page_title = "Portal API keys"
    header_icon = "key"
    template_name = "lms/admin/portal_keys.html"
    form_class = IssueKeyForm

    def form_valid(self, form):
        client = form.cleaned_data["client"]
        api_key, key = PortalAPIKey.objects.create_key(name=form.cleaned_data["name"], client=client)
        log(instance=api_key, action="wagtail.create", user=self.request.user)
        shown_once.keep(self.request, f"New key {api_key.prefix}… for {client}", key)
        return redirect("lms_portal_keys")

    def get_context_data(self, **kwargs):
        now = timezone.now()
        keys = [
            (api_key, *key_status(api_key, now))
            for api_key in PortalAPIKey.objects.select_related("client").order_by("client__name", "-created")
        ]
        return super().get_context_data(
            keys=keys,
            shown_once=shown_once.take(self.request),
            portals=PortalClient.objects.exclude(webhook_url="").order_by("name"),
            now=now,
            **kwargs,
        )

    def render_to_response(self, context, **response_kwargs):
        return shown_once.never_cached(super().render_to_response(context, **response_kwargs))


class RevokeKeyView(PortalKeysPermission, WagtailAdminTemplateMixin, TemplateView):
    """Asks before revoking (GET); revokes only on POST."""

    page_title = "Revoke API key"
    header_icon = "key"
    template_name = "lms/admin/revoke_key.html"

    @cached_property
    def api_key(self):
        # Looked up after the permission check, so that only key managers learn which prefixes exist.
        return _key(self.kwargs["prefix"])

    def get_page_subtitle(self):
        return f"{self.api_key.prefix}… of {self.api_key.client}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(api_key=self.api_key, **kwargs)

    def post(self, request, *args, **kwargs):
        if portal_credentials.revoke_key(self.api_key, by=request.user):
            messages.success(
                request, f"Key {self.api_key.prefix}… of {self.api_key.client} is revoked; it is refused from now on."
            )
        return redirect("lms_portal_keys")


class CredentialActionView(PortalKeysPermission, View):
    """One POST on a key or a webhook, answered on the keys page; a refusal shows as an error there."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            self.perform(**kwargs)
        except Refused as refusal:
            messages.error(request, refusal.message)
        return redirect("lms_portal_keys")

    def perform(self, **kwargs):
        raise NotImplementedError

    def overlap(self):
        form = OverlapForm(self.request.POST)
        if not form.is_valid():
            raise Refused("Give the overlap in whole hours, 0 to 720.", field="overlap_hours")
        return datetime.timedelta(hours=form.cleaned_data["overlap_hours"])


class RotateKeyView(CredentialActionView):
    def perform(self, prefix):
        api_key = _key(prefix)
        new_row, issued = portal_credentials.rotate_key(api_key, self.overlap(), by=self.request.user)
        api_key.refresh_from_db()
        shown_once.keep(self.request, f"New key {new_row.prefix}… for {api_key.client}", issued)
        messages.success(
            self.request,
            f"Key {new_row.prefix}… issued for {api_key.client}; the old key {api_key.prefix}… works until "
            f"{api_key.expiry_date:%d %b %Y %H:%M} UTC.",
        )


class RotateWebhookSecretView(CredentialActionView):
    def perform(self, pk):
        client = get_object_or_404(PortalClient, pk=pk)
        client = portal_credentials.rotate_webhook_secret(client, self.overlap(), by=self.request.user)
        shown_once.keep(self.request, f"New webhook secret of {client}", client.webhook_secret)
        if client.previous_secret_expires_at:
            messages.success(
                self.request,
                f"Events are signed with both secrets until {client.previous_secret_expires_at:%d %b %Y %H:%M} UTC.",
            )


class PingWebhookView(CredentialActionView):
    def perform(self, pk):
        client = get_object_or_404(PortalClient.objects.exclude(webhook_url=""), pk=pk)
        event = send_ping(client, by=self.request.user)
        messages.success(
            self.request, f"Test event {event.id} queued for {client}; see Webhook deliveries for the outcome."
        )


def portal_key_urls():
    return [
        path("portal-keys/", PortalKeysView.as_view(), name="lms_portal_keys"),
        path("portal-keys/<str:prefix>/revoke/", RevokeKeyView.as_view(), name="lms_revoke_portal_key"),
        path("portal-keys/<str:prefix>/rotate/", RotateKeyView.as_view(), name="lms_rotate_portal_key"),
        path(
            "portal-webhooks/<int:pk>/rotate-secret/",
            RotateWebhookSecretView.as_view(),
            name="lms_rotate_webhook_secret",
        ),
        path("portal-webhooks/<int:pk>/ping/", PingWebhookView.as_view(), name="lms_ping_webhook"),
    ]
