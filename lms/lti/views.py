"""The tool's endpoints: keyset and configuration, OIDC login initiation, launch, and the deep-linking picker.

The platform posts to login and launch from its own site, so they take no CSRF token; what
protects them is LTI's state (a cookie set at login), the nonce and the platform's signature.
"""

import logging
from urllib.parse import urlsplit

from csp.decorators import csp_replace, csp_update
from django.contrib import auth
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from pylti1p3.contrib.django import DjangoMessageLaunch, DjangoOIDCLogin
from pylti1p3.contrib.django.launch_data_storage.cache import DjangoCacheDataStorage
from pylti1p3.deep_link_resource import DeepLinkResource
from pylti1p3.exception import LtiException
from pylti1p3.lineitem import LineItem

from content.refusals import Refused
from courses.models import CoursePage

from . import keys
from .configuration import tool_configuration
from .launch import ACTIVITY_PARAMETER, consume_nonce, live_activity, record_launch
from .platform_http import PlatformSession
from .tool_config import PlatformToolConf, find_platform

logger = logging.getLogger(__name__)

SIGN_IN_BACKEND = "django.contrib.auth.backends.ModelBackend"
NOT_VALID = "This launch could not be verified. Open the activity again from your course."


def launch_url(request):
    return request.build_absolute_uri(reverse("lti:launch"))


def storage():
    return DjangoCacheDataStorage(cache_name="default")


def refused(request, message, status):
    return render(request, "lti/refused.html", {"message": message}, status=status)


@require_GET
def jwks(request):
    return JsonResponse(keys.jwks())


@require_GET
def configuration(request):
    return JsonResponse(tool_configuration(request), json_dumps_params={"indent": 2})


@csrf_exempt
@require_http_methods(["GET", "POST"])
def login(request):
    """Third-party initiated login: back to the platform's authorization endpoint with state and nonce."""
    try:
        return DjangoOIDCLogin(request, PlatformToolConf(), launch_data_storage=storage()).redirect(launch_url(request))
    except LtiException as error:
        logger.warning("LTI login refused: %s", error)
        return refused(request, NOT_VALID, status=400)


def _framed_by_platform(response, platform_url, form_target=None):
    """The platform shows the picker in a frame, and the picker posts back to it."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(platform_url))
    response = csp_replace({"frame-ancestors": [origin]})(lambda: response)()
    if form_target:
        target = "{0.scheme}://{0.netloc}".format(urlsplit(form_target))
        response = csp_update({"form-action": [target]})(lambda: response)()
    return xframe_options_exempt(lambda: response)()


@csrf_exempt
@require_POST
def launch(request):
    message_launch = DjangoMessageLaunch(
        request, PlatformToolConf(), launch_data_storage=storage(), requests_session=PlatformSession()
    )
    try:
        launch_data = message_launch.get_launch_data()
        platform = find_platform(message_launch.get_iss(), message_launch.get_client_id())
    except LtiException as error:
        logger.warning("LTI launch refused: %s", error)
        return refused(request, NOT_VALID, status=400)
    try:
        if message_launch.is_deep_link_launch():
            with transaction.atomic():
                consume_nonce(platform, launch_data)
            activities = CoursePage.objects.live().order_by("title")
            response = render(
                request,
                "lti/deep_link.html",
                {"activities": activities, "launch_id": message_launch.get_launch_id(), "platform": platform},
            )
            return _framed_by_platform(response, platform.issuer)
        if not message_launch.is_resource_launch():
            return refused(request, "This kind of launch is not offered by the CME site.", status=400)
        member, course = record_launch(platform, launch_data)
    except Refused as refusal:
        return refused(request, refusal.message, status=403)
    auth.login(request, member.user, backend=SIGN_IN_BACKEND)
    return redirect(course.url)


@csrf_exempt
@require_POST
def deep_link(request):
    """The author picked an activity: a signed answer for the platform, posted back by the author's browser."""
    try:
        message_launch = DjangoMessageLaunch.from_cache(
            request.POST.get("launch_id", ""), request, PlatformToolConf(), launch_data_storage=storage()
        )
        if not message_launch.is_deep_link_launch():
            raise LtiException("Not a deep-linking launch.")
    except LtiException as error:
        logger.warning("LTI deep linking refused: %s", error)
        return refused(request, NOT_VALID, status=400)
    course = live_activity(request.POST.get("activity"))
    if course is None:
        return refused(request, "Choose a published activity.", status=400)
    resource = (
        DeepLinkResource()
        .set_url(launch_url(request))
        .set_title(course.title)
        .set_custom_params({ACTIVITY_PARAMETER: str(course.pk)})
        .set_lineitem(LineItem().set_score_maximum(100).set_label(course.title))
    )
    deep_linking = message_launch.get_deep_link()
    settings = message_launch.get_launch_data()["https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"]
    return_url = settings["deep_link_return_url"]
    response = render(
        request,
        "lti/deep_link_response.html",
        {"return_url": return_url, "jwt": deep_linking.get_response_jwt([resource]), "course": course},
    )
    return _framed_by_platform(response, message_launch.get_iss(), form_target=return_url)
