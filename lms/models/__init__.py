from .idempotency import IdempotentRequest
from .lti import LtiGradeDelivery, LtiLaunch, LtiPlatform, LtiResourceLink, LtiToolKey, LtiUsedNonce, MatchBy
from .member import Degree, EmailChange, Member, MembershipStatus
from .outbox import DeliveryStatus, OutboundDelivery
from .portal import PortalAPIKey, PortalClient, Scope
from .records import Certificate, Completion, CreditClaim, Enrollment, Evaluation, ModuleProgress
from .sso import SsoLink
from .webhooks import EventType, WebhookDelivery, WebhookEvent
from .xapi import XapiStatement

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
    "LtiGradeDelivery",
    "LtiLaunch",
    "LtiPlatform",
    "LtiResourceLink",
    "LtiToolKey",
    "LtiUsedNonce",
    "MatchBy",
    "IdempotentRequest",
    "Member",
    "MembershipStatus",
    "ModuleProgress",
    "OutboundDelivery",
    "PortalAPIKey",
    "PortalClient",
    "Scope",
    "SsoLink",
    "WebhookDelivery",
    "WebhookEvent",
    "XapiStatement",
]
