"""A small typed client for the CME member-portal API (v1)."""

from .client import PortalClient, RateLimit
from .errors import ApiError, Conflict, NotFound, PreconditionFailed, RateLimited, Refused

__all__ = [
    "ApiError",
    "Conflict",
    "NotFound",
    "PortalClient",
    "PreconditionFailed",
    "RateLimit",
    "RateLimited",
    "Refused",
]
