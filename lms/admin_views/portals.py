"""Portal clients and their API keys in the Wagtail admin; a key is shown once, when issued."""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from ..models import PortalAPIKey, PortalClient, Scope
from ..services import portal_keys as portal_credentials
from ..services.errors import RecordRefused
from ..webhooks.outbox import send_ping

MANAGE_KEYS = "cme_lms.change_portalclient"


class PortalClientForm(WagtailAdminModelForm):
    scopes = forms.MultipleChoiceField(choices=Scope.choices, widget=forms.CheckboxSelectMultiple, required=False)
    webhook_url = forms.URLField(
        required=False,
        assume_scheme="https",
        help_text="Where events are POSTed (https, a public address); blank for none.",
    )

    class Meta:
        model = PortalClient
        fields = ["name", "scopes", "is_active", "webhook_url", "webhook_secret"]


class PortalClientViewSet(ModelViewSet):
    model = PortalClient
    form_class = PortalClientForm
    icon = "link-external"
    menu_label = "Portal clients"
    menu_order = 330
    add_to_admin_menu = True
    list_display = ["name", "is_active", "webhook_url", "created_at"]

    def get_form_class(self, for_update=False):
        return PortalClientForm


class PortalKeysMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(MANAGE_KEYS)


class IssueKeyForm(forms.Form):
    client = forms.ModelChoiceField(queryset=PortalClient.objects.filter(is_active=True))
    name = forms.CharField(max_length=50, help_text="What the key is for, e.g. 'production portal'.")


def _require(request):
    if not request.user.has_perm(MANAGE_KEYS):
        raise PermissionDenied


class OverlapForm(forms.Form):
    overlap_hours = forms.IntegerField(
        min_value=0, max_value=720, initial=24, help_text="How long the old credential keeps working."
    )


def _page(request, form, issued=None):
    keys = PortalAPIKey.objects.select_related("client").order_by("client__name", "-created")
    portals = PortalClient.objects.exclude(webhook_url="").order_by("name")
    context = {"form": form, "keys": keys, "issued": issued, "portals": portals, "now": timezone.now()}
    return TemplateResponse(request, "lms/admin/portal_keys.html", context)


def portal_keys(request):
    _require(request)
    form = IssueKeyForm(request.POST or None)
    issued = None
    if request.method == "POST" and form.is_valid():
        api_key, issued = PortalAPIKey.objects.create_key(
            name=form.cleaned_data["name"], client=form.cleaned_data["client"]
        )
        log(instance=api_key, action="wagtail.create", user=request.user)
        form = IssueKeyForm()
    return _page(request, form, issued)


def _overlap(request):
    form = OverlapForm(request.POST)
    if not form.is_valid():
        raise RecordRefused("Give the overlap in whole hours, 0 to 720.", field="overlap_hours")
    return datetime.timedelta(hours=form.cleaned_data["overlap_hours"])


@require_POST
def rotate_key(request, pk):
    _require(request)
    api_key = get_object_or_404(PortalAPIKey, pk=pk)
    try:
        new_row, issued = portal_credentials.rotate_key(api_key, _overlap(request), by=request.user)
    except RecordRefused as refusal:
        messages.error(request, refusal.message)
        return redirect("lms_portal_keys")
    api_key.refresh_from_db()
    messages.success(
        request,
        f"Key {new_row.prefix}… issued for {api_key.client}; the old key {api_key.prefix}… works until "
        f"{api_key.expiry_date:%d %b %Y %H:%M} UTC.",
    )
    return _page(request, IssueKeyForm(), issued)


@require_POST
def rotate_webhook_secret(request, pk):
    _require(request)
    client = get_object_or_404(PortalClient, pk=pk)
    try:
        client = portal_credentials.rotate_webhook_secret(client, _overlap(request), by=request.user)
    except RecordRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            f"{client} has a new webhook secret (on its edit page). Events are signed with both secrets until "
            f"{client.previous_secret_expires_at:%d %b %Y %H:%M} UTC."
            if client.previous_secret_expires_at
            else f"{client} has a new webhook secret (on its edit page).",
        )
    return redirect("lms_portal_keys")


@require_POST
def ping_webhook(request, pk):
    _require(request)
    client = get_object_or_404(PortalClient.objects.exclude(webhook_url=""), pk=pk)
    event = send_ping(client, by=request.user)
    messages.success(request, f"Test event {event.id} queued for {client}; see Webhook deliveries for the outcome.")
    return redirect("lms_portal_keys")


@require_POST
def revoke_key(request, pk):
    _require(request)
    api_key = get_object_or_404(PortalAPIKey, pk=pk)
    if not api_key.revoked:
        api_key.revoked = True
        api_key.save(update_fields=["revoked"])
        log(instance=api_key, action="cme_lms.revoke_api_key", user=request.user)
        messages.success(request, f"Key {api_key.prefix}… of {api_key.client} is revoked; it is refused from now on.")
    return redirect("lms_portal_keys")
