"""What portals are told: webhook events written in the same transaction as the record.

Which portals are told is decided by the event type's scope (lms/webhooks/scopes.py). Claimed
credit is also told to the learning record store (lms/xapi/): claims are written in bulk, which
no model signal reports.
"""

from ..webhooks.outbox import emit, emit_many
from ..xapi import events as xapi_events


def completion_created(completion):
    emit(
        "completion.created",
        {
            "completion_id": completion.pk,
            "member_id": completion.member.member_id,
            "course": {"id": completion.course_id, "title": completion.course.title},
            "completed_at": completion.completed_at.isoformat(),
        },
    )


def credit_claimed(completion, claims, certificate, moc_claims=()):
    emit(
        "credit.claimed",
        {
            "completion_id": completion.pk,
            "member_id": completion.member.member_id,
            "course_id": completion.course_id,
            "claims": [{"credit_type": claim.credit_type.code, "amount": f"{claim.amount:.2f}"} for claim in claims],
            "moc_claims": [
                {"board": claim.board.code, "moc_type": claim.moc_type, "points": f"{claim.points:.2f}"}
                for claim in moc_claims
            ],
            "certificate_code": certificate.code,
        },
    )
    xapi_events.credit_claimed(completion, claims)


def certificate_issued(certificate, verification_url):
    emit(
        "certificate.issued",
        {
            "code": certificate.code,
            "member_id": certificate.completion.member.member_id,
            "course_id": certificate.completion.course_id,
            "issued_at": certificate.issued_at.isoformat(),
            "verification_url": verification_url,
            "version": certificate.version,
            "kind": certificate.kind,
        },
    )


def certificate_superseded(certificate):
    emit(
        "certificate.superseded",
        {
            "code": certificate.code,
            "member_id": certificate.completion.member.member_id,
            "superseded_at": certificate.superseded_at.isoformat(),
            "superseded_by": certificate.superseded_by.code,
        },
    )


def certificate_revoked(certificate):
    emit(
        "certificate.revoked",
        {
            "code": certificate.code,
            "member_id": certificate.completion.member.member_id,
            # The reason is the society's internal record; portals learn only that and when.
            "revoked_at": certificate.revoked_at.isoformat(),
        },
    )


def _member_payload(member):
    return {"member_id": member.member_id, "updated_at": member.updated_at.isoformat()}


def member_updated(member):
    emit("member.updated", _member_payload(member))


def members_updated(members):
    """member_updated for many members, written together (an import, a portal's batch)."""
    emit_many("member.updated", [_member_payload(member) for member in members])
