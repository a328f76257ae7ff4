from .boards import BoardCertification
from .cpe_monitor import CpeMonitorBatch, CpeMonitorReport
from .credentials import CredentialRecipient, CredentialSigningKey, OpenBadgeCredential
from .idempotency import IdempotentRequest
from .lti import LtiGradeDelivery, LtiLaunch, LtiPlatform, LtiResourceLink, LtiToolKey, LtiUsedNonce, MatchBy
from .member import Degree, EmailChange, Member, MembershipStatus
from .outbox import DeliveryStatus, OutboundDelivery
from .pars import ActivityReporting, ExportMode, FileFormat, ParsBatch, ParsBatchRow, RowAction
from .portal import PortalAPIKey, PortalClient, Scope
from .records import (
    Certificate,
    CertificateKind,
    Completion,
    CreditClaim,
    Enrollment,
    Evaluation,
    MocClaim,
    ModuleProgress,
    Participation,
    current_certificate,
)
from .retention import RetainedRecord
from .review import SocietyApprovalTask
from .sso import SsoLink
from .webhooks import EventType, WebhookDelivery, WebhookEvent
from .xapi import XapiStatement

__all__ = [
    "ActivityReporting",
    "ExportMode",
    "FileFormat",
    "ParsBatch",
    "ParsBatchRow",
    "RowAction",
    "BoardCertification",
    "Certificate",
    "CertificateKind",
    "current_certificate",
    "MocClaim",
    "Participation",
    "Completion",
    "CpeMonitorBatch",
    "CpeMonitorReport",
    "CredentialRecipient",
    "CredentialSigningKey",
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
    "OpenBadgeCredential",
    "OutboundDelivery",
    "PortalAPIKey",
    "PortalClient",
    "RetainedRecord",
    "Scope",
    "SocietyApprovalTask",
    "SsoLink",
    "WebhookDelivery",
    "WebhookEvent",
    "XapiStatement",
]
