"""Conditional GET for progress: a portal polling for changes gets 304 without the body's queries."""

from django.utils.http import parse_etags
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import status
from rest_framework.response import Response

from ..services.progress_version import progress_etag
from .serializers.records import MemberProgressSerializer

IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match", str, OpenApiParameter.HEADER,
    description="The ETag of a previous answer: 304 Not Modified (no body) while the progress is unchanged.",
)
NOT_MODIFIED = OpenApiResponse(description="Not modified: the progress is as in the ETag you sent.")


def progress_response(request, member, build):
    """`member` comes from member_with_progress_version(); `build(member)` computes the body."""
    etag = progress_etag(member)
    headers = {"ETag": etag, "Cache-Control": "private, no-cache"}
    sent = parse_etags(request.headers.get("If-None-Match", ""))
    if etag in sent or "*" in sent:
        return Response(status=status.HTTP_304_NOT_MODIFIED, headers=headers)
    return Response(MemberProgressSerializer(build(member)).data, headers=headers)
