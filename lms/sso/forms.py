"""The local sign-in form: when the society hides it, it still lets accounts with staff rights in."""

from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from ..services.account_email import has_staff_rights
from .config import sso_config, sso_enabled

MEMBERS_USE_SSO = "Members sign in with their society account: use the society sign-in button."


def local_sign_in_hidden():
    return sso_enabled() and sso_config().hide_local_login


class LocalSignInForm(AuthenticationForm):
    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if local_sign_in_hidden() and not has_staff_rights(user):
            raise ValidationError(MEMBERS_USE_SSO, code="members_use_sso")
