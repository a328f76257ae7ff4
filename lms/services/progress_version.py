"""A version stamp for a member's progress, cheap enough to answer "has anything changed?"

Progress is computed from the member's enrollments, module progress, post-test attempts,
evaluations, completions, claims and certificates, and from the live catalog (which modules are
required and published, which activities have a post-test). Each of those contributes its row
count and latest change time; the stamp is their digest. Counting catches deletions and
unpublishing that a timestamp alone would miss.

The stamp is read together with the member, in one query of index lookups. It is written in SQL
(portable between PostgreSQL and SQLite) rather than built with the ORM because it runs on every
progress request, and assembling the equivalent annotated queryset cost more than running it.
"""

import functools
import hashlib

from wagtail.models import Page

from quizzes.models import Attempt, Quiz

from ..models import Certificate, Completion, CreditClaim, Enrollment, Evaluation, Member, ModuleProgress

VERSION_FIELDS = (
    "v_enrollments",
    "v_modules",
    "v_attempts",
    "v_evaluations",
    "v_completions",
    "v_claims",
    "v_certificates",
    "v_catalog",
    "v_quizzes",
)
LOOKUPS = {"member_id": "member_id", "user": "user_id"}


def _stamp(changed, source, where):
    return f"(SELECT COUNT(*) || ':' || COALESCE(CAST(MAX({changed}) AS TEXT), '') FROM {source} WHERE {where})"


@functools.cache
def _sql(lookup_column):
    table = {
        model: model._meta.db_table
        for model in (
            Member,
            Enrollment,
            ModuleProgress,
            Attempt,
            Evaluation,
            Completion,
            CreditClaim,
            Certificate,
            Page,
            Quiz,
        )
    }
    completions_of_member = f"{table[Completion]} c ON c.id = x.completion_id"
    stamps = {
        "v_enrollments": _stamp("x.enrolled_at", f"{table[Enrollment]} x", "x.member_id = m.id"),
        "v_modules": _stamp(
            "x.completed_at", f"{table[ModuleProgress]} x", "x.member_id = m.id AND x.completed_at IS NOT NULL"
        ),
        "v_attempts": _stamp(
            "x.submitted_at", f"{table[Attempt]} x", "x.user_id = m.user_id AND x.submitted_at IS NOT NULL"
        ),
        "v_evaluations": _stamp("x.submitted_at", f"{table[Evaluation]} x", "x.member_id = m.id"),
        "v_completions": _stamp("x.updated_at", f"{table[Completion]} x", "x.member_id = m.id"),
        "v_claims": _stamp(
            "x.updated_at", f"{table[CreditClaim]} x JOIN {completions_of_member}", "c.member_id = m.id"
        ),
        "v_certificates": _stamp(
            "x.revoked_at", f"{table[Certificate]} x JOIN {completions_of_member}", "c.member_id = m.id"
        ),
        "v_catalog": _stamp("x.last_published_at", f"{table[Page]} x", "x.live"),
        "v_quizzes": _stamp("x.updated_at", f"{table[Quiz]} x", "1 = 1"),
    }
    columns = ", ".join(f"{sql} AS {name}" for name, sql in stamps.items())
    return f"SELECT m.*, {columns} FROM {table[Member]} m WHERE m.{lookup_column} = %s"


def member_with_progress_version(**lookup):
    """The member (by `member_id=` or `user=`) with its stamp columns, or None."""
    ((field, value),) = lookup.items()
    value = getattr(value, "pk", value)
    return next(iter(Member.objects.raw(_sql(LOOKUPS[field]), [value])), None)


def progress_etag(member):
    """A strong ETag for a member from member_with_progress_version()."""
    parts = [str(member.pk)] + [str(getattr(member, name)) for name in VERSION_FIELDS]
    return '"' + hashlib.sha256("|".join(parts).encode()).hexdigest()[:32] + '"'
