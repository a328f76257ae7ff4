"""A learner's credit over a period: the rows of a transcript, the totals per credit type, and the
certificates revoked in it. Only credit that counts (services/counted_credit.py) is in the rows and
totals; a revoked certificate's activity is listed apart, marked revoked, with none of its credit."""

from django.db.models import OuterRef, Subquery

from ..models import Certificate, CreditClaim, MocClaim
from .counted_credit import (
    counted_claims,
    counted_moc_claims,
    moc_label,
    moc_totals_by_board,
    totals_by_credit_type,
    withdrawn_claims,
)
from .society_time import day_after, day_start, society_date


def claims_in_period(member, start=None, end=None, model=CreditClaim):
    """The member's claims (credit, or MOC with `model=MocClaim`) on completions dated start..end
    (the society's dates, inclusive)."""
    claims = model.objects.filter(completion__member=member)
    if start:
        claims = claims.filter(completion__completed_at__gte=day_start(start))
    if end:
        claims = claims.filter(completion__completed_at__lt=day_after(end))
    return claims


def transcript_totals(member, start=None, end=None):
    """[{"credit_type", "amount"}] of the credit that counts in the period: the dashboard's and the transcript's."""
    return totals_by_credit_type(claims_in_period(member, start, end)) + moc_totals_by_board(
        claims_in_period(member, start, end, model=MocClaim)
    )


def transcript(member, start=None, end=None):
    """(rows, totals) of the credit that counts, MOC points included, on completions dated within
    [start, end]."""
    current_code = Subquery(
        Certificate.objects.filter(completion=OuterRef("completion"), superseded_at__isnull=True).values("code")[:1]
    )
    rows = [
        _row(claim, claim.credit_type.name, claim.amount)
        for claim in counted_claims(claims_in_period(member, start, end))
        .select_related("credit_type", "completion__course")
        .annotate(certificate_code=current_code)
    ]
    rows += [
        _row(claim, f"{moc_label(claim.board.code)} ({claim.moc_type})", claim.points)
        for claim in counted_moc_claims(claims_in_period(member, start, end, model=MocClaim))
        .select_related("board", "completion__course")
        .annotate(certificate_code=current_code)
    ]
    rows.sort(key=lambda row: (row["completed_at"], row["credit_type"]))
    for row in rows:
        del row["completed_at"]
    return rows, transcript_totals(member, start, end)


def _row(claim, credit_type, amount):
    return {
        "completed_at": claim.completion.completed_at,
        "completion_date": society_date(claim.completion.completed_at),
        "activity": claim.completion.course.title,
        "credit_type": credit_type,
        "amount": amount,
        "certificate_code": claim.certificate_code or "",
    }


def revoked_in_period(member, start=None, end=None):
    """[{"activity", "completion_date", "certificate_code", "revoked_on"}]: completions in the period
    whose certificate was revoked, their credit withdrawn. The reason stays with the society."""
    completions = withdrawn_claims(claims_in_period(member, start, end)).values_list("completion", flat=True)
    certificates = (
        Certificate.objects.filter(completion__in=completions, revoked_at__isnull=False)
        .select_related("completion__course")
        .order_by("completion__completed_at", "pk")
    )
    return [
        {
            "activity": certificate.completion.course.title,
            "completion_date": society_date(certificate.completion.completed_at),
            "certificate_code": certificate.code,
            "revoked_on": society_date(certificate.revoked_at),
        }
        for certificate in certificates
    ]
