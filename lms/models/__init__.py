from .home import HomePage
from .idempotency import IdempotentRequest
from .member import Degree, EmailChange, Member, MembershipStatus
from .outbox import DeliveryStatus, OutboundDelivery
from .portal import PortalAPIKey, PortalClient, Scope
from .records import Certificate, Completion, CreditClaim, Enrollment, Evaluation, ModuleProgress
from .webhooks import EventType, WebhookDelivery, WebhookEvent

__all__ = [
    "Certificate",
    "Completion",
    "CreditClaim",
    "Degree",
    "DeliveryStatus",
    "EmailChange",
    "Enrollment",
    "Evaluation",
    "EventType",
    "HomePage",
    "IdempotentRequest",
    "Member",
    "MembershipStatus",
    "ModuleProgress",
    "OutboundDelivery",
    "PortalAPIKey",
    "PortalClient",
    "Scope",
    "WebhookDelivery",
    "WebhookEvent",
]
