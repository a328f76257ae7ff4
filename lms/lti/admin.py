"""Registering platforms in the Wagtail admin (Settings-like menu item "LTI platforms")."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.viewsets.model import ModelViewSet

from ..models import LtiPlatform


class DeploymentIdsField(forms.CharField):
    """One deployment id per line, kept as a list."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


class LtiPlatformForm(WagtailAdminModelForm):
    deployment_ids = DeploymentIdsField(help_text="The platform's deployment ids, one per line.")
    jwks_url = forms.URLField(label="Platform JWKS URL", assume_scheme="https", max_length=500)
    auth_login_url = forms.URLField(label="Authentication request URL", assume_scheme="https", max_length=500)
    auth_token_url = forms.URLField(label="Access token URL", assume_scheme="https", max_length=500)

    class Meta:
        model = LtiPlatform
        fields = [
            "name",
            "issuer",
            "client_id",
            "deployment_ids",
            "jwks_url",
            "auth_login_url",
            "auth_token_url",
            "auth_audience",
            "match_by",
            "member_id_parameter",
            "is_active",
        ]


class LtiPlatformViewSet(ModelViewSet):
    model = LtiPlatform
    form_class = LtiPlatformForm
    icon = "link-external"
    menu_label = "LTI platforms"
    menu_order = 340
    add_to_admin_menu = True
    list_display = ["name", "issuer", "client_id", "match_by", "is_active"]

    def get_form_class(self, for_update=False):
        return LtiPlatformForm
