"""Issuing, verifying and revoking certificates."""

import io
import secrets

from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from content.learner_lock import lock_learner
from content.refusals import Refused
from courses.credit import hours_for_minutes
from courses.models import CMEStatementSettings

from ..conf import lms_settings
from ..credentials.issuance import issue_open_badge
from ..documents import render_certificate_pdf
from ..models import Certificate, CertificateKind, Completion, CreditClaim, MocClaim, Participation
from . import events
from .eligibility import degree_refusal
from .feed import touch
from .society_time import society_date

# No 0/O or 1/I, so a code read aloud or typed from paper survives.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
REVOKE_ACTION = "cme_lms.revoke_certificate"
ISSUE_ACTION = "cme_lms.issue_certificate"
SUPERSEDE_ACTION = "cme_lms.supersede_certificate"


def new_code():
    """16 random characters (80 bits) in four groups: unguessable and not sequential."""
    return "-".join("".join(secrets.choice(CODE_ALPHABET) for _ in range(4)) for _ in range(4))


def verification_url(code):
    return lms_settings.site_url + reverse("lms:verify", args=[code])


def build_snapshot(completion, code, version=1):
    """Everything the certificate prints: the credit claimed, the MOC claimed with each board's
    statement, or (for a learner who may not claim a designated credit type) the participation."""
    course = completion.course.specific
    member = completion.member
    statements = CMEStatementSettings.for_site(course.get_site())
    claims = list(
        CreditClaim.objects.filter(completion=completion).select_related("credit_type").order_by("credit_type__name")
    )
    moc_claims = list(MocClaim.objects.filter(completion=completion).select_related("board").order_by("board__code"))
    participation = Participation.objects.filter(completion=completion).first()
    designations = list(course.credit_designations.select_related("credit_type"))
    moc_statements = {d.board_id: d.statement for d in course.moc_designations.all()}
    claimed_types = {claim.credit_type_id for claim in claims}
    kind = CertificateKind.CREDIT if claims or moc_claims else CertificateKind.PARTICIPATION
    return {
        "code": code,
        "version": version,
        "kind": kind.value,
        "learner_name": f"{member.first_name} {member.last_name}",
        "degree": member.get_degree_display(),
        "provider": statements.provider_name,
        "activity_title": course.title,
        "learning_format": course.get_learning_format_display(),
        "completion_date": society_date(completion.completed_at).isoformat(),
        "issued_at": timezone.now().isoformat(),
        "credits": [{"credit_type": claim.credit_type.name, "amount": f"{claim.amount:.2f}"} for claim in claims],
        "moc": [
            {
                "board": claim.board.name,
                "board_code": claim.board.code,
                "moc_type": claim.moc_type,
                "points": f"{claim.points:.2f}",
                "statement": moc_statements.get(claim.board_id, ""),
            }
            for claim in moc_claims
        ],
        # What a learner who claims no credit of a designated type participated in: the designation
        # and their hours, never a claim of that credit.
        "participation": (
            {
                "hours": f"{hours_for_minutes(participation.minutes_attested):.2f}",
                "designations": [
                    {"credit_type": d.credit_type.name_for(d.max_amount), "max_amount": d.max_amount_display}
                    for d in designations
                    if d.credit_type_id not in claimed_types and degree_refusal(member, d.credit_type)
                ],
            }
            if participation
            else None
        ),
        "accreditation_statement": course.get_accreditation_statement(statements),
        "designation_statements": [course.get_designation_statement(d, statements) for d in designations],
    }


# What the claims change on a certificate, with what a certificate issued before MOC and
# participation existed holds in their place.
PRINTED_RECORDS = {"kind": CertificateKind.CREDIT.value, "credits": [], "moc": [], "participation": None}


def issue_certificate(completion, by=None):
    """The completion's current certificate, holding every claim made: the one in force while it
    does, otherwise the next version (a new code, snapshot and PDF), the one before marked superseded
    and pointing to it. Runs under the learner's lock (services/credit.py)."""
    current = Certificate.objects.current().filter(completion=completion).first()
    version = current.version + 1 if current else 1
    code = new_code()
    snapshot = build_snapshot(completion, code, version)
    if current is not None and all(
        current.snapshot.get(key, default) == snapshot[key] for key, default in PRINTED_RECORDS.items()
    ):
        return current
    by = by or completion.member.user
    try:
        with transaction.atomic():
            now = timezone.now()
            if current is not None:
                # Out of the way first: one current certificate per completion (a constraint).
                Certificate.objects.filter(pk=current.pk).update(superseded_at=now)
            certificate = Certificate.objects.create(
                completion=completion, code=code, snapshot=snapshot, version=version, kind=snapshot["kind"]
            )
            pdf = render_certificate_pdf(snapshot, verification_url(code))
            certificate.pdf.save(f"{code}.pdf", ContentFile(pdf), save=True)
            log(
                instance=certificate,
                action=ISSUE_ACTION,
                user=by,
                data={"code": code, "version": version, "kind": snapshot["kind"], "completion_id": completion.pk},
            )
            issue_open_badge(certificate)
            events.certificate_issued(certificate, verification_url(code))
            if current is not None:
                Certificate.objects.filter(pk=current.pk).update(superseded_by=certificate)
                current.refresh_from_db()
                log(
                    instance=current,
                    action=SUPERSEDE_ACTION,
                    user=by,
                    data={"code": current.code, "version": current.version, "superseded_by": code},
                )
                events.certificate_superseded(current)
    except IntegrityError:
        return Certificate.objects.current().get(completion=completion)
    transaction.on_commit(lambda: _email_certificate(certificate))
    return certificate


def certificate_file(certificate):
    """The PDF to hand out, opened: the file issued, or for a revoked certificate one rendered from
    its snapshot and stamped "REVOKED" on every page, so no copy handed out after the revocation
    passes for valid. The stored file itself is kept unchanged, as issued."""
    if certificate.is_valid:
        return certificate.pdf.open("rb")
    revoked_on = society_date(certificate.revoked_at)
    return io.BytesIO(
        render_certificate_pdf(certificate.snapshot, verification_url(certificate.code), revoked_on=revoked_on)
    )


def certificate_filename(certificate, prefix=""):
    return f"{prefix}{certificate.code}{'' if certificate.is_valid else '-revoked'}.pdf"


def _email_certificate(certificate):
    user = certificate.completion.member.user
    if not user.email:
        return
    snapshot = certificate.snapshot
    send_mail(
        subject=f"Your CME certificate: {snapshot['activity_title']}"
        + (f" (version {certificate.version})" if certificate.version > 1 else ""),
        message=(
            f"Dear {snapshot['learner_name']},\n\n"
            f"your certificate for {snapshot['activity_title']} is ready. Download it from your dashboard; "
            f"anyone can check it at {verification_url(certificate.code)}\n\n{snapshot['provider']}"
        ),
        from_email=lms_settings.FROM_EMAIL,
        recipient_list=[user.email],
    )


def revoke_certificate(certificate, by, reason):
    reason = (reason or "").strip()
    if not reason:
        raise Refused("Give the reason for revoking; it is kept in the audit log.", field="reason")
    with transaction.atomic():
        # A claim in flight would issue the next version of a certificate being revoked: the learner's
        # lock first, as the claim takes it, then the certificate's.
        lock_learner(Completion.objects.filter(pk=certificate.completion_id).values("member__user_id"))
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.revoked_at is not None:
            raise Refused(f"Certificate {certificate.code} was already revoked on {certificate.revoked_at:%d %B %Y}.")
        certificate.revoked_at = timezone.now()
        certificate.revoked_reason = reason
        certificate.revoked_by = by
        certificate.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
        log(instance=certificate, action=REVOKE_ACTION, user=by, data={"reason": reason, "code": certificate.code})
        touch(certificate.completion)
        events.certificate_revoked(certificate)
    return certificate
