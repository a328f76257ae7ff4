"""A portal's poll for unchanged progress answered 304 before the rest of the stack.

Portals poll progress, and most polls find nothing changed. With the shared cache such a poll
already costs no query and one Redis round trip; most of what remained was the middleware and
DRF machinery around it. This middleware answers 304 itself when, and only when, the view would:
the key is usable (looked up, checked and counted by the same function DRF's authentication
calls, once per request), its portal holds the progress scope, its request budget is not spent,
the stored answer is current for this member, and its ETag is among those sent. In every other
case the request goes on down the stack unchanged, which gives the 200, the error or the 429.

Placed right after the security middleware (and WhiteNoise), so the 304 still carries the
security headers; it has no body for the others to act on.
"""

from django.http import HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils.http import parse_etags
from rest_framework.exceptions import AuthenticationFailed

from content.caching import change_tokens

from ..services import progress_cache
from .authentication import checked_key, presented_key
from .throttling import PortalKeyThrottle

ROUTE = "member-progress"
SCOPE = "progress:read"  # MemberViewSet.scopes_by_action["progress"]; a test holds them equal


def not_modified(etag):
    response = HttpResponseNotModified()
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    return response


class StoredProgressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self._unchanged(request) or self.get_response(request)

    def _unchanged(self, request):
        sent = request.headers.get("If-None-Match")
        if request.method != "GET" or not sent or not change_tokens.shared():
            return None
        key = presented_key(request)
        if key is None:
            return None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        if match.url_name != ROUTE or "member_id" not in match.kwargs:
            return None
        ref = ("member_id", match.kwargs["member_id"])
        also = progress_cache.keys_to_prefetch(ref)
        if not also:  # this process has not met the member yet: the view learns it
            return None
        try:
            lookup = checked_key(request, key, also)
        except AuthenticationFailed:
            return None
        if not lookup.api_key.client.has_scope(SCOPE) or not PortalKeyThrottle().within_budget(lookup.requests):
            return None
        stored = progress_cache.look_up(ref, lookup.prefetched)
        if not stored.fresh:
            return None
        etag = stored.answer["etag"]
        sent_tags = parse_etags(sent)
        return not_modified(etag) if etag in sent_tags or "*" in sent_tags else None
