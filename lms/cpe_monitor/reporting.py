"""What was reported to CPE Monitor, and the completions past ACPE's 60-day deadline without it."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Min
from wagtail.log_actions import log

from courses.models.acpe import participant_type

from ..models import CpeMonitorBatch, CpeMonitorReport
from ..services.society_time import society_date, society_today
from .rows import acpe_claims

EXPORT_ACTION = "cme_lms.cpe_monitor_export"
# ACPE takes participant data up to 60 days after the participant completed the activity.
REPORTING_DAYS = 60


def record_batch(course, start, end, rows, user):
    """Keep the batch a download hands out, with its claims, and note it in the activity's history."""
    with transaction.atomic():
        batch = CpeMonitorBatch.objects.create(course=course, start=start, end=end, downloaded_by=user)
        CpeMonitorReport.objects.bulk_create([CpeMonitorReport(batch=batch, claim_id=row.claim_id) for row in rows])
        # Learners' identifiers leave the site here, so the download is in the activity's history.
        log(
            instance=course,
            action=EXPORT_ACTION,
            user=user,
            data={"batch": batch.pk, "start": start.isoformat(), "end": end.isoformat(), "rows": len(rows)},
        )
    return batch


@dataclass
class LateCompletion:
    learner: str
    completion_date: datetime.date
    deadline: datetime.date
    reported_on: datetime.date | None  # a batch after the deadline, or None: never reported
    days_late: int  # until reported, or until today


def late_completions(course, today=None):
    """Pharmacists' and technicians' ACPE claims on `course` not reported within 60 days of completion,
    oldest first: past the deadline and not reported yet, or reported only after it."""
    today = today or society_today()
    claims = (
        acpe_claims(course)
        .annotate(first_reported=Min("cpe_monitor_reports__batch__downloaded_at"))
        .select_related("completion__member")
        .order_by("completion__completed_at")
    )
    late = []
    for claim in claims:
        member = claim.completion.member
        if participant_type(member.degree) is None:
            continue
        completed_on = society_date(claim.completion.completed_at)
        deadline = completed_on + datetime.timedelta(days=REPORTING_DAYS)
        reported_on = society_date(claim.first_reported) if claim.first_reported else None
        if reported_on is not None and reported_on <= deadline:
            continue
        if reported_on is None and today <= deadline:
            continue
        name = f"{member.first_name} {member.last_name}".strip()
        days_late = ((reported_on or today) - deadline).days
        late.append(LateCompletion(f"{name} ({member.member_id})", completed_on, deadline, reported_on, days_late))
    return late
