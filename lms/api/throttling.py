"""Throttles per portal key and per learner (rates in REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"])."""

from rest_framework.throttling import SimpleRateThrottle

from .authentication import PortalPrincipal


class PortalKeyThrottle(SimpleRateThrottle):
    scope = "portal"

    def get_cache_key(self, request, view):
        if not isinstance(request.user, PortalPrincipal):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.api_key.pk}


class LearnerThrottle(SimpleRateThrottle):
    scope = "learner"

    def get_cache_key(self, request, view):
        if isinstance(request.user, PortalPrincipal) or not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class AnonymousThrottle(SimpleRateThrottle):
    scope = "anonymous"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
