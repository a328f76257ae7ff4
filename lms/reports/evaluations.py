"""Evaluation summary of one activity: ratings per objective, relevance, quality, bias, and the texts."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, IntegerField, Q, Sum
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast
from wagtail.admin.filters import WagtailFilterSet

from ..forms import EvaluationForm
from ..models import Evaluation
from .base import CMEReportView
from .filters import activity_filter, date_range_filter

CENTS = Decimal("0.01")


class EvaluationsFilterSet(WagtailFilterSet):
    # Required in effect: a summary mixes no activities. Without one the report shows no rows.
    activity = activity_filter(empty_label="Choose an activity")
    submitted_at = date_range_filter("submitted_at", "Submitted between")

    class Meta:
        model = Evaluation
        fields = []


@dataclass
class SummaryRow:
    kind: str
    item: str
    average: Decimal | None = None
    count: int | None = None


def average(total, count):
    # From the exact sum and count, so a mean of whole ratings rounds the same on every database.
    return (Decimal(total) / count).quantize(CENTS, rounding=ROUND_HALF_UP) if count else None


def rating_rows(course, evaluations):
    """The averages and the bias counts, in one aggregate query."""
    objectives = list(course.learning_objectives)
    aggregates = {}
    for index, block in enumerate(objectives):
        # KeyTextTransform takes the block id whole: ids are not split on "__" as a lookup path would be.
        rating = Cast(KeyTextTransform(block.id, "objective_ratings"), IntegerField())
        aggregates[f"objective_{index}_sum"] = Sum(rating)
        aggregates[f"objective_{index}_count"] = Count(rating)
    figures = evaluations.aggregate(
        **aggregates,
        relevance_sum=Sum("relevance"),
        quality_sum=Sum("overall_quality"),
        responses=Count("pk"),
        bias_free=Count("pk", filter=Q(free_of_commercial_bias=True)),
        bias_seen=Count("pk", filter=Q(free_of_commercial_bias=False)),
        **{f"intention_{value}": Count("pk", filter=Q(practice_change=value)) for value in Evaluation.Intention.values},
    )
    responses = figures["responses"]
    if not responses:
        return []
    rows = [
        SummaryRow(
            "Objective met",
            block.value,
            average(figures[f"objective_{index}_sum"], figures[f"objective_{index}_count"]),
            figures[f"objective_{index}_count"],
        )
        for index, block in enumerate(objectives)
    ]
    questions = EvaluationForm.base_fields
    rows += [
        SummaryRow("Relevance", questions["relevance"].label, average(figures["relevance_sum"], responses), responses),
        SummaryRow(
            "Overall quality", questions["overall_quality"].label, average(figures["quality_sum"], responses), responses
        ),
        SummaryRow("Free of commercial bias", "Yes", count=figures["bias_free"]),
        SummaryRow("Free of commercial bias", "No", count=figures["bias_seen"]),
    ]
    rows += [
        SummaryRow("Practice change", label, count=figures[f"intention_{value}"])
        for value, label in Evaluation.Intention.choices
    ]
    return rows


TEXTS = [
    ("bias_comment", "Bias comment"),
    ("commitment_to_change", "Commitment to change"),
    ("comments", "Other comments"),
]


def text_rows(evaluations):
    """One row per text the learners wrote, bias comments first, then commitments to change, then
    other comments, each kind in the order submitted."""
    rows = {field: [] for field, _ in TEXTS}
    texts = evaluations.order_by("submitted_at", "pk").values_list(*(field for field, _ in TEXTS))
    for values in texts:
        for (field, kind), text in zip(TEXTS, values, strict=True):
            if text.strip():
                rows[field].append(SummaryRow(kind, text))
    return [row for field, _ in TEXTS for row in rows[field]]


class EvaluationsReportView(CMEReportView):
    page_title = "Evaluation summary"
    header_icon = "form"
    filterset_class = EvaluationsFilterSet
    index_url_name = "lms_reports:evaluations"
    index_results_url_name = "lms_reports:evaluations_results"
    export_name = "cme-evaluation-summary"
    report_note = (
        "Ratings run from 1 (strongly disagree, poor) to 5 (strongly agree, excellent); objectives are the "
        "activity's current learning objectives. Texts are shown as learners wrote them."
    )
    list_export = ["kind", "item", "average", "count"]
    export_headings = {"kind": "Kind", "item": "Item", "average": "Average (1-5)", "count": "Count"}

    @property
    def no_results_message(self):
        if self.selected("activity") is None:
            return "Choose an activity to see its evaluation summary."
        return "No evaluations match these filters."

    def get_base_queryset(self):
        return Evaluation.objects.all()

    def get_rows(self, records):
        course = self.selected("activity")
        if course is None:
            return []
        ratings = rating_rows(course, records)
        return ratings + text_rows(records) if ratings else []
