"""The webhook events in the OpenAPI document, under `x-webhooks`.

OpenAPI 3.1 has a `webhooks` section; this document is OpenAPI 3.0 (what drf-spectacular and most
client generators speak), so the same content sits under `x-webhooks`, the extension Redoc and
others read: one entry per event type, a POST to the portal's URL with the event as its body.
Each event's `data` is described in components as `<Type>EventData`.
"""

from lms.models import EventType

from .delivery import EVENT_ID_HEADER, EVENT_TYPE_HEADER
from .scopes import REQUIRED_SCOPE
from .signing import SIGNATURE_HEADER, TIMESTAMP_HEADER

STRING = {"type": "string"}
DATE_TIME = {"type": "string", "format": "date-time"}
INTEGER = {"type": "integer"}
COURSE = {
    "type": "object",
    "required": ["id", "title"],
    "properties": {"id": INTEGER, "title": STRING},
}
DATA = {
    EventType.COMPLETION_CREATED: {
        "completion_id": INTEGER,
        "member_id": STRING,
        "course": COURSE,
        "completed_at": DATE_TIME,
    },
    EventType.CREDIT_CLAIMED: {
        "completion_id": INTEGER,
        "member_id": STRING,
        "course_id": INTEGER,
        "claims": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["credit_type", "amount"],
                "properties": {"credit_type": STRING, "amount": {"type": "string", "format": "decimal"}},
            },
        },
        "moc_claims": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["board", "moc_type", "points"],
                "properties": {"board": STRING, "moc_type": STRING, "points": {"type": "string", "format": "decimal"}},
            },
        },
        "certificate_code": STRING,
    },
    EventType.CERTIFICATE_ISSUED: {
        "code": STRING,
        "member_id": STRING,
        "course_id": INTEGER,
        "issued_at": DATE_TIME,
        "verification_url": {"type": "string", "format": "uri"},
        "version": INTEGER,
        "kind": {"type": "string", "enum": ["credit", "participation"]},
    },
    EventType.CERTIFICATE_REVOKED: {"code": STRING, "member_id": STRING, "revoked_at": DATE_TIME},
    EventType.CERTIFICATE_SUPERSEDED: {
        "code": STRING,
        "member_id": STRING,
        "superseded_at": DATE_TIME,
        "superseded_by": STRING,
    },
    EventType.MEMBER_UPDATED: {"member_id": STRING, "updated_at": DATE_TIME},
    EventType.PING: {"portal": STRING, "message": STRING},
}
HEADERS = [
    (EVENT_ID_HEADER, "The event id, repeated by every attempt: deduplicate on it."),
    (EVENT_TYPE_HEADER, "The event type."),
    (TIMESTAMP_HEADER, "Unix time the request was signed."),
    (
        SIGNATURE_HEADER,
        "`v1=<hex HMAC-SHA256 of '{timestamp}.' + body>` with the portal's secret; while a secret is rotated, "
        "two signatures separated by a comma (`v1=..,v1=..`): accept the request if either matches.",
    ),
]


def component_name(event_type):
    return "".join(part.capitalize() for part in event_type.replace(".", "_").split("_")) + "EventData"


def add_webhooks(result):
    schemas = result["components"]["schemas"]
    webhooks = {}
    for event_type in EventType:
        name = component_name(event_type.value)
        schemas[name] = {"type": "object", "required": sorted(DATA[event_type]), "properties": DATA[event_type]}
        scope = REQUIRED_SCOPE.get(event_type)
        audience = (
            f"Sent to portals holding `{scope.value}`."
            if scope
            else "Sent only to the portal an admin sends it to (a test)."
        )
        webhooks[event_type.value] = {
            "post": {
                "summary": event_type.label,
                "description": f"{audience} Answer 2xx within 10 seconds; anything else is retried for 24 hours.",
                "tags": ["webhooks"],
                "parameters": [
                    {"name": header, "in": "header", "required": True, "description": text, "schema": STRING}
                    for header, text in HEADERS
                ],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "allOf": [
                                    {"$ref": "#/components/schemas/Event"},
                                    {
                                        "type": "object",
                                        "properties": {
                                            "type": {"type": "string", "enum": [event_type.value]},
                                            "data": {"$ref": f"#/components/schemas/{name}"},
                                        },
                                    },
                                ]
                            }
                        }
                    },
                },
                "responses": {"2XX": {"description": "Received; not sent again."}},
            }
        }
    result["x-webhooks"] = webhooks
    return result
