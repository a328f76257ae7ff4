"""A page of the completions feed, as a portal receives it.

The page and its claims are two statements compiled once per process (services/prepared.py),
and their rows become the answer's JSON values here directly: building 50 entries through nested
serializers cost as much as finding them. `FeedPageSerializer` still documents the answer, and
the tests hold this module to the bytes that serializer makes of the same records. Times and
amounts are written by DRF's own fields, so they read as everywhere else in the API.
"""

import functools
from collections import defaultdict

from django.conf import settings
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from rest_framework import serializers
from wagtail.models import Page

from ..models import Certificate, Completion, CreditClaim, current_certificate
from ..services.counted_credit import counted_claims
from ..services.prepared import PLACEHOLDER, PLACEHOLDER_TIME, PreparedQuery, placeholder_ids
from .pagination import after_position
from .serializers.records import FeedClaimSerializer

ENTRY_COLUMNS = ("id", "course_id", "completed_at", "updated_at")
ENTRY_JOINED = {
    "member_number": F("member__member_id"),
    # From the page row by id rather than joined through the activity's own table: with two
    # relations fewer, PostgreSQL plans a page after a cursor (a new plan for every cursor) in a
    # quarter of the time, which had made page N cost more than page 1.
    "course_title": Subquery(Page.objects.filter(pk=OuterRef("course_id")).values("title")[:1]),
    "certificate_code": F("certificate__code"),
    # Any revoked version marks the entry revoked, as it withdraws the credit (services/counted_credit.py).
    "certificate_revoked_at": Subquery(
        Certificate.objects.filter(completion=OuterRef("pk"), revoked_at__isnull=False)
        .order_by("-revoked_at")
        .values("revoked_at")[:1]
    ),
}
CLAIM_COLUMNS = ("completion_id", "amount", "claimed_at", "report_consent")

AMOUNT = FeedClaimSerializer().fields["amount"]


@functools.cache
def _page_query(size, after_a_position):
    def build(*position):
        entries = Completion.objects.alias(certificate=current_certificate())
        if position:
            entries = after_position(entries, *position)
        return entries.order_by("updated_at", "pk").values(*ENTRY_COLUMNS, **ENTRY_JOINED)[:size]

    return PreparedQuery(build, placeholders=(PLACEHOLDER_TIME, PLACEHOLDER) if after_a_position else ())


@functools.cache
def _claims_query(entries):
    def build(*completion_ids):
        # A revoked certificate's completion stays in the feed, marked revoked, with no credit.
        claims = counted_claims(CreditClaim.objects.filter(completion_id__in=completion_ids))
        return claims.order_by("pk").values(*CLAIM_COLUMNS, credit_type_code=F("credit_type__code"))

    return PreparedQuery(build, placeholders=placeholder_ids(entries))


def feed_page(size, after=None):
    """The `size` entries after the position `after` ((updated_at, id); None: from the start), in
    change order, and the position of the last one (None when there is none)."""
    rows = _page_query(size, after is not None).rows(*(after or ()))
    if not rows:
        return [], None
    # The request's time zone read once for the page, not once for each of its 200 or so times.
    moment = serializers.DateTimeField(default_timezone=timezone.get_current_timezone() if settings.USE_TZ else None)
    claims = defaultdict(list)
    for claim in _claims_query(len(rows)).rows(*(row["id"] for row in rows)):
        claims[claim["completion_id"]].append(
            {
                "credit_type": claim["credit_type_code"],
                "amount": AMOUNT.to_representation(claim["amount"]),
                "claimed_at": moment.to_representation(claim["claimed_at"]),
                "report_consent": claim["report_consent"],
            }
        )
    entries = [
        {
            "id": row["id"],
            "member_id": row["member_number"],
            "course": {"id": row["course_id"], "title": row["course_title"]},
            "completed_at": moment.to_representation(row["completed_at"]),
            "updated_at": moment.to_representation(row["updated_at"]),
            "credit_claims": claims[row["id"]],
            "certificate_code": row["certificate_code"],
            "certificate_revoked": row["certificate_revoked_at"] is not None,
            "certificate_revoked_at": moment.to_representation(row["certificate_revoked_at"]),
        }
        for row in rows
    ]
    return entries, (rows[-1]["updated_at"], rows[-1]["id"])
