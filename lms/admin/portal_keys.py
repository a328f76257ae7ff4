"""The portal API keys page: issue, rotate and revoke keys, rotate webhook secrets, send a test event.

Every change is a POST answered by a redirect (a refresh repeats nothing); a new key or secret is
shown once on the page after it (shown_once). Keys are named in URLs by their public prefix, never
by their primary key, which carries the stored hash."""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from content.refusals import Refused

from ..models import PortalAPIKey, PortalClient
from ..services import portal_keys as portal_credentials
from ..webhooks.outbox import send_ping
from . import shown_once

MANAGE_KEYS = "cme_lms.change_portalclient"


class PortalKeysMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(MANAGE_KEYS)


class IssueKeyForm(forms.Form):
    client = forms.ModelChoiceField(queryset=PortalClient.objects.filter(is_active=True), label="Portal")
    name = forms.CharField(max_length=50, help_text="What the key is for, e.g. 'production portal'.")


class OverlapForm(forms.Form):
    overlap_hours = forms.IntegerField(
        min_value=0, max_value=720, initial=24, help_text="How long the old credential keeps working."
    )


def _require(request):
    if not request.user.has_perm(MANAGE_KEYS):
        raise PermissionDenied


def key_status(api_key, now):
    """(label, primary) of the key's status tag: primary while the key is accepted."""
    if api_key.revoked:
        return "Revoked", False
    if api_key.expiry_date and api_key.expiry_date <= now:
        return "Expired", False
    if api_key.expiry_date:
        return f"Active until {timezone.localtime(api_key.expiry_date):%d %b %Y %H:%M}", True
    return "Active", True


def portal_keys(request):
    _require(request)
    form = IssueKeyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        client = form.cleaned_data["client"]
        api_key, key = PortalAPIKey.objects.create_key(name=form.cleaned_data["name"], client=client)
        log(instance=api_key, action="wagtail.create", user=request.user)
        shown_once.keep(request, f"New key {api_key.prefix}… for {client}", key)
        return redirect("lms_portal_keys")
    now = timezone.now()
    keys = [
        (api_key, *key_status(api_key, now))
        for api_key in PortalAPIKey.objects.select_related("client").order_by("client__name", "-created")
    ]
    context = {
        "form": form,
        "keys": keys,
        "shown_once": shown_once.take(request),
        "portals": PortalClient.objects.exclude(webhook_url="").order_by("name"),
        "now": now,
    }
    return shown_once.never_cached(TemplateResponse(request, "lms/admin/portal_keys.html", context))


def _overlap(request):
    form = OverlapForm(request.POST)
    if not form.is_valid():
        raise Refused("Give the overlap in whole hours, 0 to 720.", field="overlap_hours")
    return datetime.timedelta(hours=form.cleaned_data["overlap_hours"])


def _key(prefix):
    return get_object_or_404(PortalAPIKey.objects.select_related("client"), prefix=prefix)


@require_POST
def rotate_key(request, prefix):
    _require(request)
    api_key = _key(prefix)
    try:
        new_row, issued = portal_credentials.rotate_key(api_key, _overlap(request), by=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
        return redirect("lms_portal_keys")
    api_key.refresh_from_db()
    shown_once.keep(request, f"New key {new_row.prefix}… for {api_key.client}", issued)
    messages.success(
        request,
        f"Key {new_row.prefix}… issued for {api_key.client}; the old key {api_key.prefix}… works until "
        f"{api_key.expiry_date:%d %b %Y %H:%M} UTC.",
    )
    return redirect("lms_portal_keys")


class RevokeKeyView(WagtailAdminTemplateMixin, TemplateView):
    """Asks before revoking (GET); revokes only on POST."""

    page_title = "Revoke API key"
    header_icon = "key"
    template_name = "lms/admin/revoke_key.html"

    def dispatch(self, request, *args, **kwargs):
        _require(request)
        self.api_key = _key(kwargs["prefix"])
        return super().dispatch(request, *args, **kwargs)

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


@require_POST
def rotate_webhook_secret(request, pk):
    _require(request)
    client = get_object_or_404(PortalClient, pk=pk)
    try:
        client = portal_credentials.rotate_webhook_secret(client, _overlap(request), by=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
        return redirect("lms_portal_keys")
    shown_once.keep(request, f"New webhook secret of {client}", client.webhook_secret)
    if client.previous_secret_expires_at:
        messages.success(
            request,
            f"Events are signed with both secrets until {client.previous_secret_expires_at:%d %b %Y %H:%M} UTC.",
        )
    return redirect("lms_portal_keys")


@require_POST
def ping_webhook(request, pk):
    _require(request)
    client = get_object_or_404(PortalClient.objects.exclude(webhook_url=""), pk=pk)
    event = send_ping(client, by=request.user)
    messages.success(request, f"Test event {event.id} queued for {client}; see Webhook deliveries for the outcome.")
    return redirect("lms_portal_keys")


def portal_key_urls():
    return [
        path("portal-keys/", portal_keys, name="lms_portal_keys"),
        path("portal-keys/<str:prefix>/revoke/", RevokeKeyView.as_view(), name="lms_revoke_portal_key"),
        path("portal-keys/<str:prefix>/rotate/", rotate_key, name="lms_rotate_portal_key"),
        path("portal-webhooks/<int:pk>/rotate-secret/", rotate_webhook_secret, name="lms_rotate_webhook_secret"),
        path("portal-webhooks/<int:pk>/ping/", ping_webhook, name="lms_ping_webhook"),
    ]
