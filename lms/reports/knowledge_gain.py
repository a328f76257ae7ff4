"""Pre/post knowledge gain per activity and per objective, paired per learner.

A learner's baseline is their first pre-test attempt, and only when it was submitted before their
first post-test attempt started: a pre-test taken after the post-test has been seen measures
nothing. Their outcome is, in one set of rows, the first post-test attempt and, in another, the
attempt that passed. Per objective, a test's score is the share of points on the items tagged with
that objective in that attempt; a learner counts for an objective when both attempts drew such items.
The effect size is Cohen's d_z: the mean of the paired differences divided by their standard
deviation (n - 1).
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from wagtail.admin.filters import WagtailFilterSet

from courses.models import CoursePage
from quizzes.models import Attempt, AttemptStatus, QuizRole

from .base import CMEReportView
from .filters import activity_filter, date_range_filter

CENTS = Decimal("0.01")
FIRST_ATTEMPT = "First post-test attempt"
PASSING_ATTEMPT = "Passing post-test attempt"
ALL_OBJECTIVES = "All objectives"


def to_cents(value):
    return None if value is None else Decimal(value).quantize(CENTS, rounding=ROUND_HALF_UP)


class KnowledgeGainFilterSet(WagtailFilterSet):
    activity = activity_filter("quiz__course")
    submitted_at = date_range_filter("submitted_at", "Attempts submitted between")

    class Meta:
        model = Attempt
        fields = []


@dataclass
class KnowledgeGain:
    activity: str
    objective: str
    outcome: str
    learners: int
    pre_test: Decimal
    post_test: Decimal
    mean_gain: Decimal
    median_gain: Decimal
    effect_size: Decimal | None


def objective_score(attempt, objective_id):
    """Percent of the points on `attempt`'s items assessing `objective_id`, or None when it drew none."""
    credits = {answer.position: answer.credit for answer in attempt.answers.all()}
    points = [
        credits.get(position, Decimal(0))
        for position, question in enumerate(attempt.presented, start=1)
        if objective_id in question.get("objectives", [])
    ]
    if not points:
        return None
    return sum(points, Decimal(0)) * 100 / len(points)


def pairs_of(tests):
    """{outcome: (baseline attempt, outcome attempt)} for one learner's attempts at one activity."""
    pre_tests = sorted(tests.get(QuizRole.PRE_TEST, []), key=lambda attempt: attempt.number)
    post_tests = sorted(tests.get(QuizRole.POST_TEST, []), key=lambda attempt: attempt.number)
    if not pre_tests or not post_tests:
        return {}
    baseline, first_post = pre_tests[0], post_tests[0]
    if baseline.number != 1 or baseline.submitted_at > first_post.started_at:
        return {}
    pairs = {FIRST_ATTEMPT: (baseline, first_post)}
    passing = next((attempt for attempt in post_tests if attempt.passed), None)
    if passing is not None:
        pairs[PASSING_ATTEMPT] = (baseline, passing)
    return pairs


def summarize(activity, objective, outcome, differences):
    """One row from [(pre score, post score)] pairs."""
    count = len(differences)
    gains = [post - pre for pre, post in differences]
    mean_gain = sum(gains, Decimal(0)) / count
    effect = None
    if count >= 2:
        spread = statistics.stdev(gains)
        effect = mean_gain / spread if spread else None
    return KnowledgeGain(
        activity=activity,
        objective=objective,
        outcome=outcome,
        learners=count,
        pre_test=to_cents(sum((pre for pre, _ in differences), Decimal(0)) / count),
        post_test=to_cents(sum((post for _, post in differences), Decimal(0)) / count),
        mean_gain=to_cents(mean_gain),
        median_gain=to_cents(statistics.median(gains)),
        effect_size=to_cents(effect),
    )


def knowledge_gains(attempts):
    """Rows per activity (title order): per outcome, all objectives first, then each objective in order."""
    history = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))  # course -> user -> role -> attempts
    for attempt in attempts.select_related("quiz").prefetch_related("answers").order_by():
        history[attempt.quiz.course_id][attempt.user_id][attempt.quiz.role].append(attempt)
    courses = CoursePage.objects.in_bulk(history)
    rows = []
    for course in sorted(courses.values(), key=lambda course: course.title):
        objectives = [
            (block.id, f"{number}. {block.value}") for number, block in enumerate(course.learning_objectives, 1)
        ]
        for outcome in (FIRST_ATTEMPT, PASSING_ATTEMPT):
            paired = [pairs[outcome] for tests in history[course.pk].values() if outcome in (pairs := pairs_of(tests))]
            if not paired:
                continue
            overall = [(Decimal(pre.score_percent), Decimal(post.score_percent)) for pre, post in paired]
            rows.append(summarize(course.title, ALL_OBJECTIVES, outcome, overall))
            for objective_id, label in objectives:
                scores = [
                    (objective_score(pre, objective_id), objective_score(post, objective_id)) for pre, post in paired
                ]
                scores = [(pre, post) for pre, post in scores if pre is not None and post is not None]
                if scores:
                    rows.append(summarize(course.title, label, outcome, scores))
    return rows


class KnowledgeGainReportView(CMEReportView):
    page_title = "Pre/post knowledge gain"
    header_icon = "sliders"
    filterset_class = KnowledgeGainFilterSet
    index_url_name = "lms_reports:knowledge_gain"
    index_results_url_name = "lms_reports:knowledge_gain_results"
    export_name = "cme-knowledge-gain"
    report_note = (
        "Paired per learner: the first pre-test attempt, counted only when it was submitted before the learner's "
        "first post-test attempt started, against the first post-test attempt and, in separate rows, the passing "
        "attempt. Per objective, a score is the percent of points on the items assessing that objective. Scores are "
        "percent, gains percentage points; the effect size is Cohen's d_z (mean gain divided by the standard "
        "deviation of the gains), blank with fewer than two learners or no spread."
    )
    list_export = [
        "activity",
        "objective",
        "outcome",
        "learners",
        "pre_test",
        "post_test",
        "mean_gain",
        "median_gain",
        "effect_size",
    ]
    export_headings = {
        "activity": "Activity",
        "objective": "Objective",
        "outcome": "Post-test attempt",
        "learners": "Learners (n)",
        "pre_test": "Mean pre-test score (%)",
        "post_test": "Mean post-test score (%)",
        "mean_gain": "Mean gain (percentage points)",
        "median_gain": "Median gain (percentage points)",
        "effect_size": "Effect size (Cohen's d_z)",
    }

    def get_base_queryset(self):
        return Attempt.objects.filter(
            status=AttemptStatus.SUBMITTED, quiz__role__in=[QuizRole.PRE_TEST, QuizRole.POST_TEST]
        )

    def get_rows(self, records):
        return knowledge_gains(records)
