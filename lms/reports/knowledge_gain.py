"""Pre/post knowledge gain per activity, from learners who took both the pre-test and the post-test."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Max
from wagtail.admin.filters import WagtailFilterSet

from quizzes.models import Attempt, AttemptStatus, QuizRole

from .base import CMEReportView
from .filters import activity_filter, date_range_filter

CENTS = Decimal("0.01")


def to_cents(value):
    return value.quantize(CENTS, rounding=ROUND_HALF_UP)


class KnowledgeGainFilterSet(WagtailFilterSet):
    activity = activity_filter("quiz__course")
    submitted_at = date_range_filter("submitted_at", "Attempts submitted between")

    class Meta:
        model = Attempt
        fields = []


@dataclass
class KnowledgeGain:
    activity: str
    learners: int
    pre_test: Decimal
    post_test: Decimal
    gain: Decimal


def knowledge_gains(attempts):
    """One row per activity, in title order, from one query of best scores per learner and test."""
    best = (
        attempts.order_by()
        .values("quiz__course", "quiz__course__title", "user", "quiz__role")
        .annotate(best=Max("score_percent"))
    )
    scores = defaultdict(dict)  # (course id, title) -> {user: {role: best score}}
    for row in best:
        scores[(row["quiz__course"], row["quiz__course__title"])].setdefault(row["user"], {})[row["quiz__role"]] = row[
            "best"
        ]
    rows = []
    for (_, title), learners in scores.items():
        pairs = [
            (Decimal(tests[QuizRole.PRE_TEST]), Decimal(tests[QuizRole.POST_TEST]))
            for tests in learners.values()
            if len(tests) == 2
        ]
        if not pairs:
            continue
        count = len(pairs)
        pre = sum(p for p, _ in pairs) / count
        post = sum(p for _, p in pairs) / count
        # The gain is the mean of the learners' own gains, which equals post minus pre before rounding.
        rows.append(KnowledgeGain(title, count, to_cents(pre), to_cents(post), to_cents(post - pre)))
    return sorted(rows, key=lambda row: row.activity)


class KnowledgeGainReportView(CMEReportView):
    page_title = "Pre/post knowledge gain"
    header_icon = "sliders"
    filterset_class = KnowledgeGainFilterSet
    index_url_name = "lms_reports:knowledge_gain"
    index_results_url_name = "lms_reports:knowledge_gain_results"
    export_name = "cme-knowledge-gain"
    report_note = (
        "Only learners with a submitted pre-test and a submitted post-test count. A learner's score on "
        "a test is their best submitted attempt; scores are percent, the gain is in percentage points."
    )
    list_export = ["activity", "learners", "pre_test", "post_test", "gain"]
    export_headings = {
        "activity": "Activity",
        "learners": "Learners with both tests",
        "pre_test": "Average best pre-test score (%)",
        "post_test": "Average best post-test score (%)",
        "gain": "Average gain (percentage points)",
    }

    def get_base_queryset(self):
        return Attempt.objects.filter(
            status=AttemptStatus.SUBMITTED, quiz__role__in=[QuizRole.PRE_TEST, QuizRole.POST_TEST]
        )

    def get_rows(self, records):
        return knowledge_gains(records)
