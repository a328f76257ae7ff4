"""Conditional requests.

GET of progress: a portal polling for changes gets 304 without the body's queries, and with a
shared cache an unchanged answer costs no query at all. PUT of a member: `If-Match` with the ETag
of the member as read makes the write fail with 412 if someone changed the member since.
"""

from django.http import HttpResponse
from django.utils.http import parse_etags
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from content.caching import change_tokens

from ..services import progress_cache
from ..services.members import member_version
from ..services.progress_version import progress_etag
from .serializers.records import MemberProgressSerializer

IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    str,
    OpenApiParameter.HEADER,
    description="The ETag of a previous answer: 304 Not Modified (no body) while the progress is unchanged.",
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    description="The ETag of the member as you read it: the write happens only if the member is still that "
    "version, else 412 and nothing changes. `*` requires that the member exists. Optional: without it the "
    "last write wins.",
)
NOT_MODIFIED = OpenApiResponse(description="Not modified: the progress is as in the ETag you sent.")


def progress_response(request, ref, load_member, build, missing="No member with this member id."):
    """The progress answer for the member `ref` names: ("member_id", id) or ("user_id", pk).

    `load_member()` returns the member with its version stamp (member_with_progress_version())
    or None; `build(member)` computes the body. Both run only when no fresh stored answer exists.
    """
    lookup = progress_cache.look_up(ref, getattr(request, "prefetched_cache", None)) if change_tokens.shared() else None
    if lookup is not None and lookup.fresh:
        return _answer(request, lookup.answer["etag"], lambda: lookup.answer["body"])
    member = load_member()
    if member is None:
        raise NotFound(missing)
    etag = progress_etag(member)
    if lookup is None:
        return _answer(request, etag, lambda: _render(build(member)))
    body = _render(build(member))
    progress_cache.store(lookup, member, etag, body)
    return _answer(request, etag, lambda: body)


def _render(data):
    return JSONRenderer().render(MemberProgressSerializer(data).data)


def _answer(request, etag, body):
    headers = {"ETag": etag, "Cache-Control": "private, no-cache"}
    sent = parse_etags(request.headers.get("If-None-Match", ""))
    if etag in sent or "*" in sent:
        return Response(status=status.HTTP_304_NOT_MODIFIED, headers=headers)
    return HttpResponse(body(), content_type="application/json", headers=headers)


def member_etag(member):
    return f'"{member_version(member)}"'


def expected_version(request):
    """The member versions an If-Match header accepts: None without one, "*" for any stored version."""
    sent = request.headers.get("If-Match")
    if sent is None:
        return None
    tags = parse_etags(sent)
    if "*" in tags:
        return "*"
    return {tag.removeprefix("W/").strip('"') for tag in tags}
