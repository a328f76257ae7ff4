"""OpenAPI details drf-spectacular cannot infer on its own."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension

API_PREFIX = "/api/v1/"


def only_versioned_api(endpoints, **kwargs):
    """Keep our /api/v1/ operations; Wagtail's own APIs document themselves elsewhere, or not at all."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(API_PREFIX)]


class PortalKeyScheme(OpenApiAuthenticationExtension):
    target_class = "lms.api.authentication.PortalKeyAuthentication"
    name = "PortalKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Api-Key <key>`: a key issued to a portal client in the Wagtail admin.",
        }
