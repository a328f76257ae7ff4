from .home import HomePage
from .member import Degree, Member, MembershipStatus
from .portal import PortalAPIKey, PortalClient, Scope
from .records import Certificate, Completion, CreditClaim, Enrollment, Evaluation, ModuleProgress

__all__ = [
    "Certificate",
    "Completion",
    "CreditClaim",
    "Degree",
    "Enrollment",
    "Evaluation",
    "HomePage",
    "Member",
    "MembershipStatus",
    "ModuleProgress",
    "PortalAPIKey",
    "PortalClient",
    "Scope",
]
