"""One error shape for the whole API, in the spirit of RFC 9457 (problem details)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.db import DataError, InterfaceError, OperationalError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from content.refusals import Refused

from ..services.access import ActivityNotFound
from ..services.errors import PreconditionFailed, RecordConflict

TITLES = {
    400: "Invalid request",
    401: "Authentication required",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Request too large",
    412: "Precondition failed",
    415: "Unsupported media type",
    422: "Refused by the rules",
    429: "Too many requests",
    500: "Server error",
    503: "Service unavailable",
}


def _flatten(detail, prefix=""):
    """DRF's nested error detail as [{"field": "a.b[0]", "message": ...}]."""
    if isinstance(detail, dict):
        errors = []
        for key, value in detail.items():
            if key == "non_field_errors":
                name = prefix
            elif isinstance(key, int) or str(key).isdigit():
                name = f"{prefix}[{key}]"
            else:
                name = f"{prefix}.{key}" if prefix else str(key)
            errors += _flatten(value, name)
        return errors
    if isinstance(detail, list):
        if all(not isinstance(item, (dict, list)) for item in detail):
            return [{"field": prefix or None, "message": str(item)} for item in detail]
        errors = []
        for index, item in enumerate(detail):
            errors += _flatten(item, f"{prefix}[{index}]")
        return errors
    return [{"field": prefix or None, "message": str(detail)}]


def problem(status_code, detail, errors=None, headers=None):
    body = {
        "type": "about:blank",
        "title": TITLES.get(status_code, "Error"),
        "status": status_code,
        "detail": detail,
        "errors": errors or [],
    }
    return Response(body, status=status_code, headers=headers, content_type="application/problem+json")


def exception_handler(exc, context):
    if isinstance(exc, (OperationalError, InterfaceError)):
        # The transaction never committed, so nothing was written; the client may retry.
        return problem(
            status.HTTP_503_SERVICE_UNAVAILABLE,
            "The database is unavailable; nothing was saved. Try again in a moment.",
            headers={"Retry-After": "5"},
        )
    if isinstance(exc, DataError):
        # A value the database cannot hold (e.g. a time-zone offset beyond ±16 hours in
        # PostgreSQL): the query never ran, nothing changed.
        return problem(status.HTTP_400_BAD_REQUEST, "A value in the request is outside the range the database accepts.")
    if isinstance(exc, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1_048_576
        return problem(status.HTTP_413_REQUEST_ENTITY_TOO_LARGE, f"The request body is larger than {limit:.1f} MB.")
    if isinstance(exc, Refused):
        errors = [{"field": exc.field, "message": exc.message}] if exc.field else []
        if isinstance(exc, RecordConflict):
            code = status.HTTP_409_CONFLICT
        elif isinstance(exc, PreconditionFailed):
            code = status.HTTP_412_PRECONDITION_FAILED
        else:
            code = status.HTTP_422_UNPROCESSABLE_ENTITY
        return problem(code, exc.message, errors)
    if isinstance(exc, (Http404, ActivityNotFound)):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        detail = "The request has errors; see errors[]." if errors else "Invalid request."
    else:
        errors = []
        detail = str(exc.detail) if hasattr(exc, "detail") else str(exc)
    headers = {name: value for name, value in response.items() if name in ("Retry-After", "WWW-Authenticate", "Allow")}
    return problem(response.status_code, detail, errors, headers)
