"""RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset on every answer of the API.

The throttles note the caller's budget when they count a request (throttling.record). An answer
given before any throttle ran (no credentials, a key refused, a permission missing) reports the
budget the caller would be counted against, without counting it.
"""

from functools import wraps

from django.urls import URLPattern

from ..client_address import client_address
from .authentication import key_ident, presented_key
from .throttling import AnonymousThrottle, LearnerThrottle, PortalKeyThrottle, record

HEADERS = {
    "RateLimit-Limit": "Requests allowed in the current window.",
    "RateLimit-Remaining": "Requests left in the current window.",
    "RateLimit-Reset": "Seconds until the window resets.",
    "RateLimit-Policy": "The limit and the window in seconds, e.g. `1200;w=60`.",
}


def _budget_before_throttles(request):
    # The key's lookup counted the request already (authentication.checked_key).
    portal = getattr(request, "_cme_portal_key", None)
    if portal is not None and not isinstance(portal[1], str) and portal[1].requests is not None:
        throttle = PortalKeyThrottle()
        if throttle.rate is not None:
            throttle.current_window()
            record(request, throttle, portal[1].requests)
        return
    key = presented_key(request)
    if key is not None:  # no view looked the key up (an address no route matches)
        PortalKeyThrottle().peek(request, key_ident(key))
        return
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        LearnerThrottle().peek(request, user.pk)
    else:
        AnonymousThrottle().peek(request, client_address(request) or "unknown")


def add_headers(request, response):
    """The caller's budget on this answer, noted by a throttle or read now."""
    if getattr(request, "cme_rate_limit", None) is None:
        _budget_before_throttles(request)
    budget = getattr(request, "cme_rate_limit", None)
    if budget is not None:
        response["RateLimit-Limit"] = str(budget.limit)
        response["RateLimit-Remaining"] = str(budget.remaining)
        response["RateLimit-Reset"] = str(budget.reset)
        response["RateLimit-Policy"] = f"{budget.limit};w={budget.window}"
    return response


def with_rate_limit_headers(view):
    @wraps(view)
    def answer(request, *args, **kwargs):
        return add_headers(request, view(request, *args, **kwargs))

    return answer


def rate_limited(patterns):
    """These URL patterns with their views answering the RateLimit-* headers."""
    return [
        URLPattern(pattern.pattern, with_rate_limit_headers(pattern.callback), pattern.default_args, pattern.name)
        for pattern in patterns
    ]
