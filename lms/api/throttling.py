"""Throttles per portal key, per learner and per anonymous client (rates in LMS["API_THROTTLE_RATES"], lms/conf.py).

DRF's SimpleRateThrottle keeps every request time of the last window in one cache entry, read
and written whole on each request: at 1,200 requests a minute that is a list of 1,200 floats
pickled twice per request, and the cost grows with the traffic it is meant to limit. These
count requests per fixed window with an atomic increment instead (content/caching/window_counter.py): a
few bytes, one round trip with Redis, the same cost at any rate. A fixed window lets a caller
spend one window's budget at its end and the next at the start of the next; the rate holds
over any two windows.
"""

import math
from dataclasses import dataclass

from django.core.cache import caches
from rest_framework.throttling import SimpleRateThrottle

from content.caching import window_counter

from ..client_address import client_address
from ..conf import lms_settings
from .principal import PortalPrincipal


@dataclass(frozen=True)
class Budget:
    """What the RateLimit-* headers say: the window's limit, what is left of it, seconds until it resets."""

    limit: int
    remaining: int
    reset: int
    window: int


def record(request, throttle, used):
    """Note the caller's budget on the Django request, for the RateLimit-* headers of the response."""
    http_request = getattr(request, "_request", request)
    http_request.cme_rate_limit = Budget(
        limit=throttle.num_requests,
        remaining=max(0, throttle.num_requests - used),
        reset=max(1, math.ceil(throttle.window_ends_at - throttle.now)),
        window=throttle.duration,
    )


class WindowCounterThrottle(SimpleRateThrottle):
    def get_rate(self):
        """Our own rates, never the host site's REST_FRAMEWORK ones: None for a scope left out."""
        return lms_settings.API_THROTTLE_RATES.get(self.scope)

    def current_window(self):
        self.now = self.timer()
        index = int(self.now // self.duration)
        self.window_ends_at = (index + 1) * self.duration
        return index

    def window(self, ident):
        """The counter's cache key for `ident` in the current window."""
        return f"{self.cache_format % {'scope': self.scope, 'ident': ident}}:{self.current_window()}"

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        ident = self.get_ident_for(request)
        if ident is None:
            return True
        used = window_counter.count(self.window(ident), self.duration)[0]
        record(request, self, used)
        return used <= self.num_requests

    def peek(self, http_request, ident):
        """Note the budget of `ident` without counting this request (one no throttle reached)."""
        if self.rate is None:
            return
        used = caches["default"].get(self.window(ident)) or 0
        record(http_request, self, used)

    def wait(self):
        return max(self.window_ends_at - self.now, 1)


class PortalKeyThrottle(WindowCounterThrottle):
    """Per key. The key's authentication counts the request in the same cache round trip as the
    key's lookup (lms/api/key_cache.py); this only compares."""

    scope = "portal"

    def allow_request(self, request, view):
        principal = request.user
        if self.rate is None or not isinstance(principal, PortalPrincipal):
            return True
        self.current_window()  # for wait() and the headers
        if principal.requests_in_window is not None:
            record(request, self, principal.requests_in_window)
        return self.within_budget(principal.requests_in_window)

    def within_budget(self, requests_in_window):
        return self.rate is None or requests_in_window is None or requests_in_window <= self.num_requests


class LearnerThrottle(WindowCounterThrottle):
    scope = "learner"

    def get_ident_for(self, request):
        if isinstance(request.user, PortalPrincipal) or not request.user.is_authenticated:
            return None
        return request.user.pk


class AnonymousThrottle(WindowCounterThrottle):
    """Per client address (lms/client_address.py), the one the sign-in lockout counts by; DRF's
    own get_ident would trust whatever X-Forwarded-For a caller sends."""

    scope = "anonymous"

    def get_ident_for(self, request):
        if request.user and request.user.is_authenticated:
            return None
        # No usable address (a unix-socket peer without a trusted proxy): one shared budget, not none.
        return client_address(request) or "unknown"
