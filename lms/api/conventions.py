"""What every view of our API carries itself, so a host site's own DRF settings change nothing here
and ours change nothing of the host's: authentication, permissions, throttles, pagination,
renderers and parsers, the exception handler, versioning and the schema class.

Views list `APIConventions` first among their bases and override an attribute where they differ
(a public view with no authentication, a list with its own pagination), and annotate their
operations with `extend_schema` from here.
"""

import inspect

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular import utils as spectacular
from drf_spectacular.openapi import AutoSchema
from rest_framework.authentication import SessionAuthentication
from rest_framework.metadata import SimpleMetadata
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import JSONParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer

from .authentication import PortalKeyAuthentication
from .exceptions import exception_handler
from .throttling import AnonymousThrottle, LearnerThrottle, PortalKeyThrottle


class APIConventions:
    authentication_classes = [PortalKeyAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]
    throttle_classes = [PortalKeyThrottle, LearnerThrottle, AnonymousThrottle]
    renderer_classes = [JSONRenderer]
    parser_classes = [JSONParser]
    filter_backends = [DjangoFilterBackend]
    pagination_class = None
    content_negotiation_class = DefaultContentNegotiation
    metadata_class = SimpleMetadata
    versioning_class = None
    schema = AutoSchema()

    def get_exception_handler(self):
        return exception_handler


def extend_schema(**annotations):
    """drf-spectacular's `extend_schema`, built on its AutoSchema whatever DEFAULT_SCHEMA_CLASS says.

    On a method the decorator cannot see the view's schema class and falls back to the
    DEFAULT_SCHEMA_CLASS setting (DRF's own AutoSchema when a site leaves it unset); a schema class
    set on the function itself is the one it takes first.
    """
    decorate = spectacular.extend_schema(**annotations)

    def decorator(target):
        if not inspect.isclass(target) and not hasattr(target, "schema"):
            target.schema = AutoSchema
        return decorate(target)

    return decorator
