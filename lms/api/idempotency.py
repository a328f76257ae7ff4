"""Idempotency-Key on the learner's POSTs: a retried request gets the first answer, not a second action.

The first request with a key claims it (a row with no answer yet) before the view runs, and stores
the answer when it has one; a retry with the same key and the same request gets that answer again,
with `Idempotent-Replayed: true`. The same key with a different request is refused (422), and while
the first is still running a retry is told so (409). Answers the client should retry for real
(429, 5xx) are not kept. Keys are per learner and kept for LMS["IDEMPOTENCY_KEY_HOURS"].
"""

import datetime
import hashlib
import json

from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.utils import timezone
from rest_framework.exceptions import APIException, ValidationError

from content.refusals import Refused

from ..conf import lms_settings
from ..models import IdempotentRequest
from ..services.errors import RecordConflict

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
MAX_KEY_LENGTH = 255
KEPT_STATUS = range(200, 500)
NOT_KEPT = {409, 429}

DESCRIPTION = (
    f"Any unique string up to {MAX_KEY_LENGTH} characters (a UUID): a retry with the same key and "
    "body gets the first answer again (with `Idempotent-Replayed: true`) instead of acting twice. The same key "
    "with another body is 422; while the first request is still running, 409."
)


class Replay(APIException):
    """Not an error: carries the stored answer out of the view's `initial()`."""

    def __init__(self, response):
        super().__init__()
        self.response = response


def _fingerprint(request):
    raw = request._request.body
    try:
        body = json.dumps(json.loads(raw), sort_keys=True, separators=(",", ":")).encode()
    except ValueError:
        body = raw
    return hashlib.sha256(f"{request.method} {request.path}\n".encode() + body).hexdigest()


def _replayed(stored):
    response = HttpResponse(bytes(stored.body), status=stored.status_code, content_type=stored.content_type or None)
    response[REPLAYED_HEADER] = "true"
    return response


def claim(request):
    """The row claimed for this request's key, None without a key; raises Replay with a stored answer."""
    key = request.headers.get(HEADER)
    if key is None:
        return None
    if not key.strip() or len(key) > MAX_KEY_LENGTH:
        raise ValidationError({HEADER: [f"Send 1 to {MAX_KEY_LENGTH} characters."]})
    fingerprint = _fingerprint(request)
    now = timezone.now()
    IdempotentRequest.objects.filter(user=request.user, expires_at__lte=now).delete()
    try:
        with transaction.atomic():
            return IdempotentRequest.objects.create(
                user=request.user,
                key=key,
                fingerprint=fingerprint,
                expires_at=now + datetime.timedelta(hours=lms_settings.IDEMPOTENCY_KEY_HOURS),
            )
    except IntegrityError:
        stored = IdempotentRequest.objects.get(user=request.user, key=key)
    if stored.fingerprint != fingerprint:
        raise Refused(
            "This Idempotency-Key was sent with a different request; use a new key for a new request.", field=HEADER
        )
    if stored.status_code is None:
        raise RecordConflict("A request with this Idempotency-Key is still being answered; retry shortly.")
    raise Replay(_replayed(stored))


def keep(claimed, response):
    """Store the answer for retries, or free the key when the answer is one to retry for real."""
    if response.status_code not in KEPT_STATUS or response.status_code in NOT_KEPT:
        claimed.delete()
        return
    if hasattr(response, "render"):
        response.render()
    claimed.status_code = response.status_code
    claimed.content_type = response.get("Content-Type", "")
    claimed.body = response.content
    claimed.save(update_fields=["status_code", "content_type", "body"])


class IdempotentPosts:
    """Mix into a view (before APIView) whose POSTs accept an Idempotency-Key."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.idempotency_claim = claim(request) if request.method == "POST" else None

    def handle_exception(self, exc):
        if isinstance(exc, Replay):
            return exc.response
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        claimed = getattr(self, "idempotency_claim", None)
        if claimed is not None and not response.has_header(REPLAYED_HEADER):
            keep(claimed, response)
        return response
