"""The OpenAPI document: its settings, the views that serve it and its docs UI, and the details
drf-spectacular cannot infer on its own.

The settings travel with the views (`custom_settings`), never through SPECTACULAR_SETTINGS, so a
host site's own schema and ours do not change each other; the document walks only the API's own
routes (documented_urls.py).
"""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.settings import patched_settings
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import AllowAny

from ..conf import lms_settings
from ..webhooks.schema import add_webhooks
from . import idempotency
from .authentication import PortalKeyAuthentication
from .exceptions import TITLES, exception_handler
from .rate_limit_headers import HEADERS
from .throttling import AnonymousThrottle, LearnerThrottle, PortalKeyThrottle

LEARNER_PREFIX = "/api/v1/me/"
BATCH_PATH = "/api/v1/member-batches/"
VERSIONED_MEMBER = "/api/v1/members/{member_id}/"
PROBLEM_MEDIA_TYPE = "application/problem+json"

PROBLEM_SCHEMAS = {
    "Problem": {
        "type": "object",
        "description": "Every error the API returns (RFC 9457 problem details, plus field errors).",
        "required": ["type", "title", "status", "detail", "errors"],
        "properties": {
            "type": {"type": "string", "example": "about:blank"},
            "title": {"type": "string", "example": "Invalid request"},
            "status": {"type": "integer", "example": 400},
            "detail": {"type": "string", "example": "The request has errors; see errors[]."},
            "errors": {"type": "array", "items": {"$ref": "#/components/schemas/ProblemFieldError"}},
        },
    },
    "ProblemFieldError": {
        "type": "object",
        "required": ["field", "message"],
        "properties": {
            "field": {
                "type": "string",
                "nullable": True,
                "description": "Path of the offending field in the request, e.g. `answers[2].choices`; "
                "null for an error about the request as a whole.",
                "example": "attestation.minutes",
            },
            "message": {"type": "string", "example": "Ensure this value is greater than or equal to 15."},
        },
    },
}

# Why each error can happen, by status; the operations that can return it are chosen below.
ERROR_REASONS = {
    400: "The request has invalid fields (query, path or body); `errors[]` names each one.",
    401: "No credentials, or an API key that is unknown, revoked or expired.",
    403: "The credentials are valid but lack the scope or the role this operation needs.",
    404: "No such record, or not one these credentials may see.",
    413: "The request body is larger than the server accepts.",
    409: "A conflict: another record already holds a value that must be unique (a member's e-mail or NPI; "
    "`errors[]` names the field), or a request with the same Idempotency-Key is still being answered.",
    412: "If-Match names a version of the record that is no longer current; read it again.",
    415: "The request body is not JSON.",
    422: "The request is well formed but the CME rules refuse it; `detail` says which rule.",
    429: "Too many requests; wait for the seconds in the Retry-After header.",
    503: "The database is briefly unavailable; nothing was saved. Retry after the Retry-After header.",
}


def error_statuses(path, method, operation):
    """The error statuses one operation can answer with, from what it takes and who may call it."""
    public = operation.get("security") == [{}]
    parameters = operation.get("parameters", [])
    statuses = {429, 503}
    if not public:
        statuses |= {401, 403}
    if parameters or "requestBody" in operation:
        statuses.add(400)
    if any(p["in"] == "path" for p in parameters) or any(p["name"] == "page" for p in parameters):
        statuses.add(404)
    if "requestBody" in operation:
        statuses |= {413, 415}
    if method in ("post", "put", "patch"):
        statuses.add(422)
    if method == "put":
        statuses |= {409, 412}
    if method == "post" and (path.startswith(LEARNER_PREFIX) or path == BATCH_PATH):
        statuses.add(409)  # a key still being answered; a batch racing another writer
    return sorted(statuses)


def security_for(path, operation):
    """Each operation lists only the credentials it accepts: a learner's session under /me/, a
    portal key elsewhere (DRF tries both, but the permission classes refuse the other one)."""
    if operation.get("security") == [{}]:
        return [{}]
    if path.startswith(LEARNER_PREFIX):
        return [{"cookieAuth": []}]
    return [{"PortalKey": []}]


RATE_LIMIT_HEADERS = {
    name: {"description": description, "schema": {"type": "string" if name == "RateLimit-Policy" else "integer"}}
    for name, description in HEADERS.items()
}
ETAG = {"ETag": {"description": "The member's version, for If-Match on a later PUT.", "schema": {"type": "string"}}}


# How answers lead to further operations (OpenAPI links): what a client, or a stateful fuzzer, can
# call next with values from this answer. (source method, path) -> [(name, target method, path,
# statuses, parameters)].
LINKS = {
    ("put", VERSIONED_MEMBER): [
        (name, "get", target, ("200", "201", "202"), {"member_id": "$request.path.member_id"})
        for name, target in (
            ("ReadMember", VERSIONED_MEMBER),
            ("MemberProgress", "/api/v1/members/{member_id}/progress/"),
            ("MemberTranscript", "/api/v1/members/{member_id}/transcript/"),
        )
    ],
    ("get", "/api/v1/members/"): [
        ("FirstMember", "get", VERSIONED_MEMBER, ("200",), {"member_id": "$response.body#/results/0/member_id"})
    ],
    ("post", "/api/v1/me/quizzes/{quiz_id}/attempts/"): [
        (name, method, target, ("200", "201"), {"attempt_id": "$response.body#/id"})
        for name, method, target in (
            ("ReadAttempt", "get", "/api/v1/me/attempts/{attempt_id}/"),
            ("SubmitAttempt", "post", "/api/v1/me/attempts/{attempt_id}/submit/"),
        )
    ],
    ("post", "/api/v1/me/attempts/{attempt_id}/submit/"): [
        ("ReadResult", "get", "/api/v1/me/attempts/{attempt_id}/", ("200",), {"attempt_id": "$response.body#/id"})
    ],
}


def add_links(result):
    operation_ids = {
        (method, path): operation["operationId"]
        for path, operations in result["paths"].items()
        for method, operation in operations.items()
    }
    for (method, path), links in LINKS.items():
        responses = result["paths"][path][method]["responses"]
        for name, target_method, target, statuses, parameters in links:
            for status in statuses:
                responses[status].setdefault("links", {})[name] = {
                    "operationId": operation_ids[(target_method, target)],
                    "parameters": parameters,
                }


def _server(request):
    """The site the document was fetched from; the configured site address when generated offline."""
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return lms_settings.site_url or "/"


def document_errors(result, generator, request, public):
    """Add the problem-JSON error responses each operation can return, its real credentials, the
    headers every answer carries, the server, and the webhook events."""
    result.setdefault("components", {}).setdefault("schemas", {}).update(PROBLEM_SCHEMAS)
    result["servers"] = [{"url": _server(request), "description": "This site; every path starts with /api/v1/."}]
    problem = {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    retry_after = {"Retry-After": {"description": "Seconds to wait before retrying.", "schema": {"type": "integer"}}}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            operation["security"] = security_for(path, operation)
            if method == "post" and path.startswith(LEARNER_PREFIX):
                operation.setdefault("parameters", []).append(
                    {
                        "name": idempotency.HEADER,
                        "in": "header",
                        "required": False,
                        "description": idempotency.DESCRIPTION,
                        "schema": {"type": "string", "minLength": 1, "maxLength": idempotency.MAX_KEY_LENGTH},
                    }
                )
            for status in error_statuses(path, method, operation):
                response = {"description": f"{TITLES[status]}. {ERROR_REASONS[status]}", "content": problem}
                if status in (429, 503):
                    response["headers"] = dict(retry_after)
                operation["responses"].setdefault(str(status), response)
            for status, response in operation["responses"].items():
                headers = response.setdefault("headers", {})
                headers.update(RATE_LIMIT_HEADERS)
                if path == VERSIONED_MEMBER and status in ("200", "201", "202"):
                    headers.update(ETAG)
    add_links(result)
    return add_webhooks(result)


class PortalKeyScheme(OpenApiAuthenticationExtension):
    target_class = "lms.api.authentication.PortalKeyAuthentication"
    name = "PortalKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Api-Key <key>`: a key issued to a portal client in the Wagtail admin.",
        }


SCHEMA_SETTINGS = {
    "TITLE": "CME member-portal API",
    "DESCRIPTION": (
        "Catalog, members, progress, transcripts, the completions feed and certificates for member "
        "portals (API keys with scopes), and the signed-in learner's own records under /me/."
    ),
    "VERSION": "1.3.0",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "lms.api.schema.document_errors",
    ],
    # The docs UI's scripts are served from our static files, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "MembershipStatusEnum": "lms.models.member.MembershipStatus",
        "DegreeEnum": "lms.models.member.Degree",
        "CredentialStatusEnum": "lms.credentials.status.CredentialStatus",
        # The progress status keeps the name it had before a second `status` enum came along.
        "StatusEnum": ["enrolled", "in_progress", "completed"],
    },
}
DOCUMENTED_URLCONF = "lms.api.documented_urls"


class PublicContract:
    """The contract is public: portal developers read it before they hold a key."""

    authentication_classes = [PortalKeyAuthentication, SessionAuthentication]
    permission_classes = [AllowAny]
    throttle_classes = [PortalKeyThrottle, LearnerThrottle, AnonymousThrottle]
    versioning_class = None

    def get_exception_handler(self):
        return exception_handler


class SchemaView(PublicContract, SpectacularAPIView):
    urlconf = DOCUMENTED_URLCONF
    api_version = "v1"
    custom_settings = SCHEMA_SETTINGS


class DocsView(PublicContract, SpectacularSwaggerView):
    title = SCHEMA_SETTINGS["TITLE"]

    def get(self, request, *args, **kwargs):
        with patched_settings(SCHEMA_SETTINGS):
            return super().get(request, *args, **kwargs)
