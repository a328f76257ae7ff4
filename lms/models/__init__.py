from .home import HomePage
from .member import Degree, EmailChange, Member, MembershipStatus
from .portal import PortalAPIKey, PortalClient, Scope
from .records import Certificate, Completion, CreditClaim, Enrollment, Evaluation, ModuleProgress
from .webhooks import DeliveryStatus, EventType, WebhookDelivery, WebhookEvent

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
    "Member",
    "MembershipStatus",
    "ModuleProgress",
    "PortalAPIKey",
    "PortalClient",
    "Scope",
    "WebhookDelivery",
    "WebhookEvent",
]
