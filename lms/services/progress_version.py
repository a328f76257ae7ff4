"""A version stamp for a member's progress, cheap enough to answer "has anything changed?"

Progress is computed from the member's enrollments, module progress, post-test attempts,
evaluations, completions, claims and certificates, and from the live catalog (which modules are
required and published). Each of those contributes its row count and latest change time; the
stamp is their digest. Counting catches deletions and unpublishing that a timestamp alone would
miss. Everything is one query, annotated onto the member lookup the request makes anyway.
"""

import hashlib

from django.db.models import CharField, Count, Max, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat
from wagtail.models import Page

from quizzes.models import Attempt

from ..models import Certificate, Completion, CreditClaim, Enrollment, Evaluation, ModuleProgress


def _stamp(queryset, group_by, changed):
    """'<count>:<latest change>' of a correlated queryset, as text ('' when it matches nothing)."""
    summary = (
        queryset.order_by()
        .values(group_by)
        .annotate(stamp=Concat(
            Cast(Count("pk"), CharField()), Value(":"), Coalesce(Cast(Max(changed), CharField()), Value("")),
            output_field=CharField(),
        ))
        .values("stamp")[:1]
    )
    return Coalesce(Subquery(summary, output_field=CharField()), Value(""))


def progress_version_annotations():
    """Annotations for a Member queryset: one text column per source of progress."""
    member = OuterRef("pk")
    return {
        "v_enrollments": _stamp(Enrollment.objects.filter(member=member), "member", "enrolled_at"),
        "v_modules": _stamp(ModuleProgress.objects.filter(member=member, completed_at__isnull=False), "member", "completed_at"),
        "v_attempts": _stamp(Attempt.objects.filter(user=OuterRef("user_id"), submitted_at__isnull=False), "user", "submitted_at"),
        "v_evaluations": _stamp(Evaluation.objects.filter(member=member), "member", "submitted_at"),
        "v_completions": _stamp(Completion.objects.filter(member=member), "member", "updated_at"),
        "v_claims": _stamp(CreditClaim.objects.filter(completion__member=member), "completion__member", "updated_at"),
        "v_certificates": _stamp(Certificate.objects.filter(completion__member=member), "completion__member", "revoked_at"),
        "v_catalog": _stamp(Page.objects.filter(live=True), "live", "last_published_at"),
    }


VERSION_FIELDS = (
    "v_enrollments", "v_modules", "v_attempts", "v_evaluations", "v_completions", "v_claims", "v_certificates",
    "v_catalog",
)


def progress_etag(member):
    """A strong ETag from a member annotated with progress_version_annotations()."""
    parts = [str(member.pk)] + [str(getattr(member, name)) for name in VERSION_FIELDS]
    return '"' + hashlib.sha256("|".join(parts).encode()).hexdigest()[:32] + '"'
