"""Credit that counts: the one definition every total, export and report reads.

A claim counts unless its completion has a revoked certificate. Revoking a certificate withdraws the
credit it recorded; the claim itself stays, as history, and the certificate stays verifiable as
revoked. "Revoked" is asked of the certificates table by completion (an Exists subquery), so a
completion with several certificate versions is judged by any revoked one, whichever is current.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import CharField, DecimalField, Exists, F, OuterRef, Sum, Value
from django.db.models.functions import Cast

from ..models import Certificate, CreditClaim, MocClaim, Participation

CENTS = Decimal("0.01")


def revoked_certificate(completion="completion"):
    """True where the completion named by `completion` (an outer field) has a revoked certificate."""
    return Exists(Certificate.objects.filter(completion=OuterRef(completion), revoked_at__isnull=False))


def counted_claims(claims=None):
    """`claims` (every claim by default) without those whose credit was withdrawn by a revocation."""
    claims = CreditClaim.objects.all() if claims is None else claims
    return claims.filter(~revoked_certificate())


def counted_moc_claims(claims=None):
    """`claims` (every MOC claim by default) without those a revocation withdrew: the same rule."""
    claims = MocClaim.objects.all() if claims is None else claims
    return claims.filter(~revoked_certificate())


def counted_participations(participations=None):
    """`participations` (every one by default) without those a revocation withdrew: the same rule."""
    participations = Participation.objects.all() if participations is None else participations
    return participations.filter(~revoked_certificate())


def _record_rows(queryset, kind, code, moc_type, amount):
    # Annotations only, in one order, so the three kinds line up as one UNION.
    text = CharField()
    return (
        queryset.order_by()
        .annotate(
            r_activity=F("completion__course_id"),
            r_kind=Value(kind, output_field=text),
            r_code=code,
            r_moc_type=moc_type,
            r_amount=Cast(amount, DecimalField(max_digits=7, decimal_places=2)),
            r_pk=F("pk"),
        )
        .values_list("r_activity", "r_kind", "r_code", "r_moc_type", "r_amount", "r_pk")
    )


def counted_records_by_activity(member):
    """{activity pk: {"credits", "moc", "participation_minutes"}}: what `member` claimed or attested on each
    activity and a revocation did not withdraw, in one query (the portal's progress answer shows it)."""
    text = CharField()
    rows = (
        _record_rows(
            counted_claims(CreditClaim.objects.filter(completion__member=member)),
            "credit",
            F("credit_type__code"),
            Value("", output_field=text),
            "amount",
        )
        .union(
            _record_rows(
                counted_moc_claims(MocClaim.objects.filter(completion__member=member)),
                "moc",
                F("board__code"),
                F("moc_type"),
                "points",
            ),
            _record_rows(
                counted_participations(Participation.objects.filter(completion__member=member)),
                "participation",
                Value("", output_field=text),
                Value("", output_field=text),
                "minutes_attested",
            ),
            all=True,
        )
        .order_by("r_activity", "r_kind", "r_pk")
    )
    records = {}
    for activity, kind, code, moc_type, amount, _ in rows:
        entry = records.setdefault(activity, {"credits": [], "moc": [], "participation_minutes": None})
        if kind == "credit":
            entry["credits"].append({"credit_type": code, "amount": amount})
        elif kind == "moc":
            entry["moc"].append({"board": code, "moc_type": moc_type, "points": amount})
        else:
            entry["participation_minutes"] = int(amount)
    return records


def withdrawn_claims(claims=None):
    """The claims a revocation withdrew: shown as revoked, never counted."""
    claims = CreditClaim.objects.all() if claims is None else claims
    return claims.filter(revoked_certificate())


def cents(amount):
    # SQLite sums decimals without their scale; two places on every database.
    return Decimal(amount or 0).quantize(CENTS, rounding=ROUND_HALF_UP)


def totals_by_credit_type(claims):
    """[{"credit_type": name, "amount": Decimal}] of the counted `claims`, by credit type name."""
    rows = (
        counted_claims(claims)
        .order_by()
        .values("credit_type__name")
        .annotate(amount=Sum("amount"))
        .order_by("credit_type__name")
    )
    return [{"credit_type": row["credit_type__name"], "amount": cents(row["amount"])} for row in rows]


def moc_label(board_code):
    return f"{board_code} MOC points"


def moc_totals_by_board(claims):
    """[{"credit_type": "<board> MOC points", "amount": Decimal}] of the counted MOC `claims`."""
    rows = (
        counted_moc_claims(claims)
        .order_by()
        .values("board__code")
        .annotate(amount=Sum("points"))
        .order_by("board__code")
    )
    return [{"credit_type": moc_label(row["board__code"]), "amount": cents(row["amount"])} for row in rows]
