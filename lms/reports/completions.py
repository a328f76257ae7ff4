"""Completions: who completed which activity when, with the credit claimed and the certificate."""

from django.db.models import F, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Concat, TruncDate
from wagtail.admin.filters import WagtailFilterSet

from content.numbers import credit_amount

from ..models import Certificate, Completion, current_certificate
from ..services.counted_credit import counted_claims
from ..services.society_time import society_zone
from .base import CMEReportView
from .filters import MemberFilter, activity_filter, date_range_filter


class CompletionsFilterSet(WagtailFilterSet):
    activity = activity_filter()
    completed_at = date_range_filter("completed_at", "Completed between")
    member = MemberFilter()

    class Meta:
        model = Completion
        fields = []


def credits_text(claims):
    return "; ".join(f"{credit_amount(claim.amount)} {claim.credit_type.name}" for claim in claims)


def certificate_text(completion):
    if not completion.certificate_code:
        return ""
    if completion.certificate_revoked_at:
        return f"{completion.certificate_code} (revoked)"
    return completion.certificate_code


class CompletionsReportView(CMEReportView):
    page_title = "CME completions"
    header_icon = "circle-check"
    filterset_class = CompletionsFilterSet
    index_url_name = "lms_reports:completions"
    index_results_url_name = "lms_reports:completions_results"
    export_name = "cme-completions"
    list_export = [
        "completed_on",
        "member.member_id",
        "learner_name",
        "member.get_degree_display",
        "course.title",
        "credits_claimed",
        "certificate_label",
        "manual_reason",
    ]
    export_headings = {
        "completed_on": "Completion date",
        "member.member_id": "Member id",
        "learner_name": "Learner",
        "member.get_degree_display": "Degree",
        "course.title": "Activity",
        "credits_claimed": "Credits claimed",
        "certificate_label": "Certificate",
        "manual_reason": "Manual completion reason",
    }

    def get_base_queryset(self):
        return (
            Completion.objects.select_related("member", "course")
            .prefetch_related(
                Prefetch(
                    # The credit that counts: a revoked certificate's completion is listed, marked, with none.
                    "claims",
                    queryset=counted_claims().select_related("credit_type").order_by("credit_type__name"),
                )
            )
            .alias(certificate=current_certificate())
            .annotate(
                completed_on=TruncDate("completed_at", tzinfo=society_zone()),
                learner_name=Concat("member__first_name", Value(" "), "member__last_name"),
                certificate_code=F("certificate__code"),
                certificate_revoked_at=Subquery(
                    Certificate.objects.filter(completion=OuterRef("pk"), revoked_at__isnull=False)
                    .order_by("-revoked_at")
                    .values("revoked_at")[:1]
                ),
            )
            .order_by("-completed_at", "-pk")
        )

    def decorate_paginated_queryset(self, object_list):
        # Evaluates the page (or, for an export, every row) once; the table reads the same objects.
        for completion in object_list:
            completion.credits_claimed = credits_text(completion.claims.all())
            completion.certificate_label = certificate_text(completion)
        return object_list
