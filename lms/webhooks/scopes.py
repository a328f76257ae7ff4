"""Which portals hear of which events: the scope each event type needs, defined once.

An event tells a portal what its API would show it, and nothing more: completions and claims are
progress (`progress:read`, the same scope as the completions feed), certificate events are
certificates (`certificates:read`, the scope of the PDF), a member's change is the member record
(`members:read`). A portal without the scope is not sent the event at all; there is no reduced
version of an event. Scopes are read when the event is written and again before each attempt, so
a scope taken away stops the next event and any retry still pending.
"""

from lms.models import EventType, PortalClient, Scope

REQUIRED_SCOPE = {
    EventType.COMPLETION_CREATED: Scope.PROGRESS_READ,
    EventType.CREDIT_CLAIMED: Scope.PROGRESS_READ,
    EventType.CERTIFICATE_ISSUED: Scope.CERTIFICATES_READ,
    EventType.CERTIFICATE_REVOKED: Scope.CERTIFICATES_READ,
    EventType.CERTIFICATE_SUPERSEDED: Scope.CERTIFICATES_READ,
    EventType.MEMBER_UPDATED: Scope.MEMBERS_READ,
}
# Sent only to the one portal an admin chose (lms.webhooks.outbox.send_ping), whatever its scopes;
# never broadcast, so `emit` refuses it (it has no required scope).
TO_ONE_PORTAL = frozenset({EventType.PING})


def required_scope(event_type: str) -> str:
    try:
        return REQUIRED_SCOPE[event_type].value
    except KeyError:
        raise ValueError(f"Webhook event type {event_type!r} has no required scope in lms.webhooks.scopes.") from None


def may_receive(client: PortalClient, event_type: str) -> bool:
    if event_type in TO_ONE_PORTAL:
        return client.is_active
    return client.has_scope(required_scope(event_type))


def visible_types(client: PortalClient) -> list[str]:
    """The broadcast event types this portal hears of (and may replay)."""
    return [event_type.value for event_type, scope in REQUIRED_SCOPE.items() if client.has_scope(scope.value)]
