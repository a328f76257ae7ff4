"""A learner's credit over a period: the rows of a transcript and the totals per credit type."""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.utils import timezone

from ..models import CreditClaim


def transcript(member, start=None, end=None):
    """(rows, totals) for claims on completions dated within [start, end] (dates, inclusive)."""
    claims = (
        CreditClaim.objects.filter(completion__member=member)
        .select_related("credit_type", "completion__course")
        .prefetch_related("completion__certificates")
    )
    tz = timezone.get_current_timezone()
    if start:
        claims = claims.filter(completion__completed_at__gte=datetime.datetime.combine(start, datetime.time.min, tz))
    if end:
        claims = claims.filter(
            completion__completed_at__lt=datetime.datetime.combine(
                end + datetime.timedelta(days=1), datetime.time.min, tz
            )
        )
    rows = []
    totals = defaultdict(Decimal)
    for claim in claims.order_by("completion__completed_at", "credit_type__name"):
        certificate = claim.completion.current_certificate
        rows.append(
            {
                "completion_date": timezone.localtime(claim.completion.completed_at).date(),
                "activity": claim.completion.course.title,
                "credit_type": claim.credit_type.name,
                "amount": claim.amount,
                "certificate_code": certificate.code if certificate and certificate.is_valid else "",
            }
        )
        totals[claim.credit_type.name] += claim.amount
    return rows, [{"credit_type": name, "amount": amount} for name, amount in sorted(totals.items())]
