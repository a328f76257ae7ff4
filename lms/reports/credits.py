"""Credits claimed per credit type: how many learners claimed how much, in a period."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum
from wagtail.admin.filters import WagtailFilterSet

from courses.models import CreditType

from ..models import CreditClaim
from ..services.counted_credit import cents, counted_claims
from .base import CMEReportView
from .filters import activity_filter, date_range_filter


class CreditsFilterSet(WagtailFilterSet):
    activity = activity_filter("completion__course")
    claimed_at = date_range_filter("claimed_at", "Claimed between")

    class Meta:
        model = CreditClaim
        fields = []


@dataclass
class CreditTotal:
    credit_type: str
    unit: str
    learners: int
    claims: int
    amount: Decimal


def credit_totals(claims):
    """One row per credit type, in name order, with zeros for types nobody claimed; only credit that counts."""
    sums = {
        row["credit_type"]: row
        for row in counted_claims(claims)
        .order_by()
        .values("credit_type")
        .annotate(learners=Count("completion__member", distinct=True), claims=Count("pk"), amount=Sum("amount"))
    }
    rows = []
    for credit_type in CreditType.objects.order_by("name"):
        found = sums.get(credit_type.pk, {})
        rows.append(
            CreditTotal(
                credit_type=credit_type.name,
                unit=credit_type.unit,
                learners=found.get("learners", 0),
                claims=found.get("claims", 0),
                amount=cents(found.get("amount")),
            )
        )
    return rows


class CreditsReportView(CMEReportView):
    page_title = "Credits claimed per credit type"
    header_icon = "doc-full"
    filterset_class = CreditsFilterSet
    index_url_name = "lms_reports:credits"
    index_results_url_name = "lms_reports:credits_results"
    export_name = "cme-credits-claimed"
    report_note = "Learners are distinct members; claims are one per completion and credit type."
    list_export = ["credit_type", "learners", "claims", "amount", "unit"]
    export_headings = {
        "credit_type": "Credit type",
        "learners": "Learners",
        "claims": "Claims",
        "amount": "Total amount",
        "unit": "Unit",
    }

    def get_base_queryset(self):
        # Credit a revoked certificate withdrew is not credit claimed.
        return counted_claims()

    def get_rows(self, records):
        return credit_totals(records)
