from .home import HomePage
from .member import Degree, Member, MembershipStatus
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
]
