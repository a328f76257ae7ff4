from rest_framework import exceptions, permissions

from ..services.access import member_for
from .principal import PortalPrincipal


def portal_client(request):
    return request.user.client if isinstance(request.user, PortalPrincipal) else None


class ScopeRequired(permissions.BasePermission):
    """A portal key holding `required_scope` (set per view, or per action in `scopes_by_action`)."""

    def has_permission(self, request, view):
        scope = getattr(view, "scopes_by_action", {}).get(getattr(view, "action", None)) or view.required_scope
        client = portal_client(request)
        if client is None:
            if request.user and request.user.is_authenticated:
                raise exceptions.PermissionDenied(f"This operation is for member portals with the {scope} scope.")
            raise exceptions.NotAuthenticated(
                f"Send a portal API key with the {scope} scope: Authorization: Api-Key <key>."
            )
        if not client.has_scope(scope):
            raise exceptions.PermissionDenied(f"This API key lacks the {scope} scope.")
        return True


class IsLearner(permissions.BasePermission):
    """A signed-in learner with a member profile, acting on their own records only."""

    def has_permission(self, request, view):
        if portal_client(request) is not None:
            raise exceptions.PermissionDenied("Portal keys cannot act as a learner; use /api/v1/members/.")
        if not (request.user and request.user.is_authenticated):
            raise exceptions.NotAuthenticated("Sign in to reach your own records.")
        if member_for(request.user) is None:
            raise exceptions.PermissionDenied("Your account has no member profile yet.")
        return True


class IsPortal(permissions.BasePermission):
    """Any usable portal key, whatever its scopes (what the key may see is decided by the view)."""

    def has_permission(self, request, view):
        if portal_client(request) is not None:
            return True
        if request.user and request.user.is_authenticated:
            raise exceptions.PermissionDenied("This operation is for member portals.")
        raise exceptions.NotAuthenticated("Send a portal API key: Authorization: Api-Key <key>.")
