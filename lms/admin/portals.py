"""Portal clients in the Wagtail admin: scopes, status and the webhook, its secret masked once saved."""

import secrets

from django import forms
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from ..models import PortalClient, Scope
from . import shown_once


def status_label(client):
    return "Active" if client.is_active else "Inactive"


class PortalClientForm(WagtailAdminModelForm):
    scopes = forms.MultipleChoiceField(choices=Scope.choices, widget=forms.CheckboxSelectMultiple, required=False)
    webhook_url = forms.URLField(
        required=False,
        assume_scheme="https",
        help_text="Where events are POSTed (https, a public address); blank for none.",
    )
    # Never rendered back into the page: the field is empty whatever the stored secret.
    webhook_secret = forms.CharField(
        required=False,
        max_length=128,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        label="Webhook secret",
    )
    generate_secret = forms.BooleanField(
        required=False,
        label="Generate a new webhook secret",
        help_text="A random secret, shown once after saving for you to give the portal.",
    )

    class Meta:
        model = PortalClient
        fields = ["name", "scopes", "is_active", "webhook_url", "webhook_secret"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.generated_secret = None
        stored = self.instance.webhook_secret
        self.fields["webhook_secret"].help_text = (
            f"Set (ending …{stored[-4:]}); leave blank to keep it, or type a new one."
            if stored
            else "Shared with the portal, which checks the X-CME-Signature header (HMAC-SHA256) with it."
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("generate_secret"):
            self.generated_secret = secrets.token_urlsafe(32)
            cleaned["webhook_secret"] = self.generated_secret
        elif not cleaned.get("webhook_secret"):
            cleaned["webhook_secret"] = self.instance.webhook_secret
        return cleaned


class ShowGeneratedSecret:
    """A save that generated a secret leads to the edit page, which shows it once (shown_once)."""

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.generated_secret and response.status_code == 302:
            shown_once.keep(self.request, f"Webhook secret of {self.object}", form.generated_secret)
            return redirect(self.edit_url_name, self.object.pk)
        return response


class CreatePortalClient(ShowGeneratedSecret, generic.CreateView):
    pass


class EditPortalClient(ShowGeneratedSecret, generic.EditView):
    def render_to_response(self, context, **response_kwargs):
        context["shown_once"] = shown_once.take(self.request)
        response = super().render_to_response(context, **response_kwargs)
        return shown_once.never_cached(response) if isinstance(response, TemplateResponse) else response


class PortalClientViewSet(ModelViewSet):
    model = PortalClient
    form_class = PortalClientForm
    add_view_class = CreatePortalClient
    edit_view_class = EditPortalClient
    edit_template_name = "lms/admin/portal_client_edit.html"
    icon = "link-external"
    menu_label = "Portal clients"
    menu_order = 330
    add_to_admin_menu = True
    list_display = [
        "name",
        StatusTagColumn("status", accessor=status_label, primary=lambda client: client.is_active, label="Status"),
        Column("webhook_url", label="Webhook URL"),
        "created_at",
    ]

    def get_form_class(self, for_update=False):
        return PortalClientForm
