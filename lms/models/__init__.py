from .home import HomePage
from .member import Degree, Member, MembershipStatus

__all__ = ["Degree", "HomePage", "Member", "MembershipStatus"]
