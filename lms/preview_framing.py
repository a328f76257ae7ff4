"""Wagtail's live preview, framed by the page editor on the site's own origin.

Wagtail renders a preview by running a request for the page's own address through the whole
middleware chain (`PreviewableMixin.make_preview_request`), so a content security policy that
forbids framing the site's pages (`frame-ancestors 'none'`) reaches the preview too, and the
browser refuses to show it inside the editor. For that preview response only, framing by the
site itself is allowed; every real request keeps the site's policy. (Wagtail already answers the
preview with `X-Frame-Options: SAMEORIGIN`.)

List it in MIDDLEWARE right after `csp.middleware.CSPMiddleware`, so that it marks the response
before the policy is written.
"""


class PreviewFramingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Set by Wagtail on the request it builds for a preview; no client can set a request attribute.
        if getattr(request, "is_preview", False):
            replaced = getattr(response, "_csp_replace", None) or {}
            response._csp_replace = {**replaced, "frame-ancestors": ["'self'"]}
        return response
