"""Error handlers for a site's root URLconf: problem+json under the API, the site's pages elsewhere.

Errors raised before a request reaches DRF (a Host header the site does not serve, a path no API
route matches) are answered by Django's handlers, which render HTML. A portal parsing the API's
errors should get the same problem JSON there too, so these handlers answer in that shape for
any path under the API's prefix and leave every other path to Django's defaults.
"""

import json

from django.http import HttpResponse
from django.views import defaults

from . import rate_limit_headers
from .exceptions import TITLES

API_PREFIX = "/api/"


def _problem(status, detail):
    body = {
        "type": "about:blank",
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
        "errors": [],
    }
    return HttpResponse(json.dumps(body), status=status, content_type="application/problem+json")


def _under_api(request):
    return request.path.startswith(API_PREFIX)


def bad_request(request, exception, template_name=defaults.ERROR_400_TEMPLATE_NAME):
    if _under_api(request):
        return _problem(400, "The request is malformed (for example, a Host header this site does not serve).")
    return defaults.bad_request(request, exception, template_name)


def page_not_found(request, exception, template_name=defaults.ERROR_404_TEMPLATE_NAME):
    if _under_api(request):
        return rate_limit_headers.add_headers(request, _problem(404, "No API resource at this address."))
    return defaults.page_not_found(request, exception, template_name)


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    if _under_api(request):
        return _problem(500, "The server failed to answer; the error is logged.")
    return defaults.server_error(request, template_name)
