"""The figures of the dashboard panel, each aggregated in the database: five queries in all."""

import datetime

from django.db.models import Count, DateField, Exists, OuterRef, Q, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone

from courses.models import CoursePage
from quizzes.models import Attempt

from ..models import Completion, CreditClaim, Member, ModuleProgress
from ..services.counted_credit import cents, counted_claims
from ..services.society_time import day_start, society_date, society_zone

RECENT_DAYS = 30
EXPIRY_HORIZON_DAYS = 90
CHART_WEEKS = 52


def week_starts(today, weeks=CHART_WEEKS):
    """The Mondays of the last `weeks` weeks, oldest first, ending with this week's."""
    this_monday = today - datetime.timedelta(days=today.weekday())
    return [this_monday - datetime.timedelta(weeks=back) for back in range(weeks - 1, -1, -1)]


def completions_per_week(weeks):
    """{Monday: completions} over `weeks` (missing weeks count 0)."""
    counted = (
        Completion.objects.filter(completed_at__gte=day_start(weeks[0]))
        .annotate(week=TruncWeek("completed_at", output_field=DateField(), tzinfo=society_zone()))
        .order_by()
        .values("week")
        .annotate(n=Count("pk"))
    )
    found = {row["week"]: row["n"] for row in counted}
    return {week: found.get(week, 0) for week in weeks}


def active_learners(since):
    """Members with module progress, a quiz attempt or a credit claim since `since`."""
    progress = ModuleProgress.objects.filter(member=OuterRef("pk")).filter(
        Q(started_at__gte=since) | Q(completed_at__gte=since)
    )
    attempts = Attempt.objects.filter(user=OuterRef("user")).filter(
        Q(started_at__gte=since) | Q(submitted_at__gte=since)
    )
    claims = CreditClaim.objects.filter(completion__member=OuterRef("pk"), claimed_at__gte=since)
    return Member.objects.filter(Exists(progress) | Exists(attempts) | Exists(claims)).count()


def credit_issued(since):
    """[{"credit_type", "unit", "amount"}] claimed since `since`, per credit type: credit that counts."""
    totals = (
        counted_claims(CreditClaim.objects.filter(claimed_at__gte=since))
        .values("credit_type__name", "credit_type__unit")
        .annotate(amount=Sum("amount"))
        .order_by("credit_type__name")
    )
    return [
        {
            "credit_type": row["credit_type__name"],
            "unit": row["credit_type__unit"],
            "amount": cents(row["amount"]),
        }
        for row in totals
    ]


def dashboard_figures(now=None):
    now = now or timezone.now()
    today = society_date(now)
    since = now - datetime.timedelta(days=RECENT_DAYS)
    weeks = week_starts(today)
    return {
        "recent_days": RECENT_DAYS,
        "completions": Completion.objects.filter(completed_at__gte=since).count(),
        "credit_totals": credit_issued(since),
        "active_learners": active_learners(since),
        "expiry_horizon_days": EXPIRY_HORIZON_DAYS,
        "expiring": list(
            CoursePage.objects.live()
            .filter(
                expiration_date__gte=today, expiration_date__lte=today + datetime.timedelta(days=EXPIRY_HORIZON_DAYS)
            )
            .order_by("expiration_date", "title")
            .values("pk", "title", "expiration_date")
        ),
        "weekly_completions": completions_per_week(weeks),
    }
