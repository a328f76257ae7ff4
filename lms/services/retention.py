"""Records a board can audit: what verifies an anonymized member's participation is kept for
LMS["RETENTION_YEARS"] after each completion (ACCME: six years), readable only by holders of a
dedicated permission, every reading in the audit log, and deleted once the window has ended."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from wagtail.log_actions import log

from courses.activity_dates import years_after

from ..conf import lms_settings
from ..models import Certificate, Completion, CreditClaim, RetainedRecord
from .counted_credit import counted_claims
from .society_time import society_date, society_today

VIEW_PERMISSION = "cme_lms.view_retained_records"
VIEW_ACTION = "cme_lms.view_retained_record"
REMOVE_ACTION = "cme_lms.remove_retained_record"
MAX_SHOWN = 50


def retained_until(completed_on):
    """The last day a completion's record is kept."""
    return years_after(completed_on, lms_settings.RETENTION_YEARS)


def retain_records(member, today=None):
    """Keep, for each completion of `member` still inside the window, what verifies it; called by the
    anonymization before it erases the member's identity, in its transaction. Returns the records."""
    today = today or society_today()
    name, degree = f"{member.first_name} {member.last_name}".strip(), member.get_degree_display()
    kept = []
    for completion in Completion.objects.filter(member=member).select_related("course").order_by("pk"):
        completed_on = society_date(completion.completed_at)
        until = retained_until(completed_on)
        if until < today:
            continue
        certificate = Certificate.objects.filter(completion=completion).order_by("-issued_at", "-pk").first()
        claims = counted_claims(CreditClaim.objects.filter(completion=completion)).select_related("credit_type")
        record, _ = RetainedRecord.objects.get_or_create(
            completion=completion,
            defaults={
                "learner_name": name,
                "degree": degree,
                "activity_title": completion.course.title,
                "completion_date": completed_on,
                "credits": [
                    {"credit_type": claim.credit_type.name, "amount": f"{claim.amount:.2f}"}
                    for claim in claims.order_by("credit_type__name")
                ],
                "certificate_code": certificate.code if certificate else "",
                "retained_until": until,
            },
        )
        kept.append(record)
    return kept


def verified_name(certificate):
    """The name verification shows: the certificate's, or for an anonymized member inside the
    retention window the name kept to verify their participation."""
    kept = (
        RetainedRecord.objects.filter(completion_id=certificate.completion_id)
        .values_list("learner_name", flat=True)
        .first()
    )
    return kept or certificate.snapshot["learner_name"]


def may_view(user):
    return user.is_active and user.has_perm(VIEW_PERMISSION)


def find_retained(user, query):
    """Retained records whose certificate code is `query` or whose name holds it; each one shown is
    written to the audit log with who asked and for what. Refused without the permission."""
    if not may_view(user):
        raise PermissionDenied("Viewing retained records needs the 'view retained records' permission.")
    query = (query or "").strip()
    if not query:
        return []
    records = list(
        RetainedRecord.objects.filter(Q(certificate_code=query.upper()) | Q(learner_name__icontains=query))
        .select_related("completion")
        .order_by("completion_date", "pk")[:MAX_SHOWN]
    )
    with transaction.atomic():
        for record in records:
            log(instance=record, action=VIEW_ACTION, user=user, data={"query": query})
    return records


def complete_anonymizations(today=None):
    """Delete the retained records whose window ended before `today` (the society's date); each
    deletion is in the audit log. Returns how many were deleted."""
    today = today or society_today()
    expired = RetainedRecord.objects.filter(retained_until__lt=today)
    with transaction.atomic():
        records = list(expired.select_for_update())
        for record in records:
            log(instance=record, action=REMOVE_ACTION, data={"retained_until": record.retained_until.isoformat()})
        RetainedRecord.objects.filter(pk__in=[record.pk for record in records]).delete()
    return len(records)


def parse_day(text):
    """A YYYY-MM-DD date, or ValueError with the text in it."""
    try:
        return datetime.date.fromisoformat(text)
    except (TypeError, ValueError):
        raise ValueError(f"{text!r} is not a date as YYYY-MM-DD.") from None
