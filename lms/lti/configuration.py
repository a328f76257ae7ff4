"""The tool's configuration, as a JSON document a platform's administrator pastes or reads field by field.

It follows Canvas's LTI 1.3 developer-key JSON, which other platforms' forms ask for piece by piece
(docs/lti.md has Moodle's fields).
"""

from django.conf import settings
from django.urls import reverse

from .launch import ACTIVITY_PARAMETER

SCOPES = [
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
    "https://purl.imsglobal.org/spec/lti-ags/scope/score",
    "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
]


def tool_configuration(request):
    def absolute(name):
        return request.build_absolute_uri(reverse(name))

    launch = absolute("lti:launch")
    return {
        "title": getattr(settings, "WAGTAIL_SITE_NAME", "CME"),
        "description": "Continuing medical education activities, with credit and certificates.",
        "oidc_initiation_url": absolute("lti:login"),
        "target_link_uri": launch,
        "redirect_uris": [launch],
        "public_jwk_url": absolute("lti:jwks"),
        "scopes": SCOPES,
        "custom_fields": {"member_id": "$Canvas.user.sisIntegrationId"},
        "extensions": [
            {
                "platform": "canvas.instructure.com",
                "privacy_level": "public",
                "settings": {
                    "placements": [
                        {
                            "placement": "link_selection",
                            "message_type": "LtiDeepLinkingRequest",
                            "target_link_uri": launch,
                        },
                        {
                            "placement": "assignment_selection",
                            "message_type": "LtiDeepLinkingRequest",
                            "target_link_uri": launch,
                        },
                    ]
                },
            }
        ],
        "cme": {
            "deep_linking_url": launch,
            "activity_custom_parameter": ACTIVITY_PARAMETER,
            "member_id_custom_parameter": "member_id",
        },
    }
