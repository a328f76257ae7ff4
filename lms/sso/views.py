"""Sign-in and sign-out pages: the local form, and mozilla-django-oidc's views on `LMS["OIDC"]`.

A refused single sign-on shows why, on a page of its own, and signs nobody in.
"""

import logging

import requests
from django.contrib import auth
from django.contrib.auth import views as auth_views
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.http import Http404
from django.shortcuts import redirect, render
from django.views import View
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from content.refusals import Refused

from .config import oidc_setting, sso_enabled
from .forms import LocalSignInForm, local_sign_in_hidden
from .logout import home_after_sign_out, provider_logout_url

logger = logging.getLogger(__name__)

REFUSED_TEMPLATE = "sso/refused.html"
NOT_VERIFIED = (
    "The answer from the society's sign-in could not be verified (it may have been used already, "
    "altered, or have expired). Please sign in again."
)
UNREACHABLE = "The society's sign-in cannot be reached right now. Please try again in a few minutes."


def refused(request, message, status):
    return render(request, REFUSED_TEMPLATE, {"message": message}, status=status)


class SsoView:
    """Present only when single sign-on is configured; a provider that cannot be reached is said so."""

    get_settings = staticmethod(oidc_setting)

    def dispatch(self, request, *args, **kwargs):
        if not sso_enabled():
            raise Http404("Single sign-on is not configured on this site.")
        try:
            return super().dispatch(request, *args, **kwargs)
        except requests.HTTPError as error:
            if error.response is not None and 400 <= error.response.status_code < 500:
                # The provider refused the code: used already, or issued to another client.
                logger.warning("The OpenID Connect provider refused a sign-in: %s", error)
                return refused(request, NOT_VERIFIED, status=400)
            logger.exception("The OpenID Connect provider could not be used.")
            return refused(request, UNREACHABLE, status=503)
        except (requests.RequestException, ImproperlyConfigured):
            logger.exception("The OpenID Connect provider could not be used.")
            return refused(request, UNREACHABLE, status=503)


class SsoSignIn(SsoView, OIDCAuthenticationRequestView):
    def __init__(self, *args, **kwargs):
        # The library reads the endpoints when the view is built, outside dispatch; `get` reads
        # them instead, so that a missing configuration or an unreachable provider is a page.
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    def get(self, request):
        self.OIDC_OP_AUTH_ENDPOINT = oidc_setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
        self.OIDC_RP_CLIENT_ID = oidc_setting("OIDC_RP_CLIENT_ID")
        return super().get(request)


class SsoCallback(SsoView, OIDCAuthenticationCallbackView):
    def get(self, request):
        try:
            return super().get(request)
        except Refused as refusal:
            return refused(request, refusal.message, status=403)
        except SuspiciousOperation as error:
            logger.warning("Single sign-on refused: %s", error)
            return refused(request, NOT_VERIFIED, status=400)

    def login_failure(self):
        return refused(self.request, NOT_VERIFIED, status=400)


class SignOut(View):
    """Ends the local session, then sends the browser on to end the provider's, where it offers that.

    A page that moves on by itself rather than a redirect: the sign-out button is a form, and the
    site's Content-Security-Policy (form-action 'self') would stop a form's redirect to the provider.
    """

    http_method_names = ["post"]

    def post(self, request):
        try:
            end_session = provider_logout_url(request)
        except (requests.RequestException, ImproperlyConfigured):
            logger.exception("The OpenID Connect provider could not be used; signing out here only.")
            end_session = None
        auth.logout(request)
        if end_session is None:
            return redirect(home_after_sign_out())
        return render(request, "sso/signing_out.html", {"end_session": end_session})


class SignIn(auth_views.LoginView):
    authentication_form = LocalSignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        hidden = local_sign_in_hidden()
        return super().get_context_data(
            sso_enabled=sso_enabled(),
            # ?staff shows the form that is hidden for members.
            show_local_form=not hidden or "staff" in self.request.GET or self.request.method == "POST",
            **kwargs,
        )
