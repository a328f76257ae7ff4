"""Issuing, verifying and revoking certificates."""

import io
import secrets

from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from courses.models import CMEStatementSettings

from ..conf import lms_settings
from ..credentials.issuance import issue_open_badge
from ..documents import render_certificate_pdf
from ..models import Certificate, CreditClaim
from . import events
from .errors import RecordRefused
from .feed import touch

# No 0/O or 1/I, so a code read aloud or typed from paper survives.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
REVOKE_ACTION = "cme_lms.revoke_certificate"


def new_code():
    """16 random characters (80 bits) in four groups: unguessable and not sequential."""
    return "-".join("".join(secrets.choice(CODE_ALPHABET) for _ in range(4)) for _ in range(4))


def verification_url(code):
    return lms_settings.site_url + reverse("lms:verify", args=[code])


def build_snapshot(completion, code):
    course = completion.course.specific
    member = completion.member
    statements = CMEStatementSettings.for_site(course.get_site())
    claims = (
        CreditClaim.objects.filter(completion=completion).select_related("credit_type").order_by("credit_type__name")
    )
    designations = list(course.credit_designations.select_related("credit_type"))
    return {
        "code": code,
        "learner_name": f"{member.first_name} {member.last_name}",
        "degree": member.get_degree_display(),
        "provider": statements.provider_name,
        "activity_title": course.title,
        "learning_format": course.get_learning_format_display(),
        "completion_date": completion.completed_at.date().isoformat(),
        "issued_at": timezone.now().isoformat(),
        "credits": [{"credit_type": claim.credit_type.name, "amount": f"{claim.amount:.2f}"} for claim in claims],
        "accreditation_statement": course.get_accreditation_statement(statements),
        "designation_statements": [course.get_designation_statement(d, statements) for d in designations],
    }


def issue_certificate(completion):
    """The completion's certificate: issued (snapshot and PDF) on first call, the same one after."""
    existing = Certificate.objects.filter(completion=completion).first()
    if existing is not None:
        return existing
    code = new_code()
    snapshot = build_snapshot(completion, code)
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(completion=completion, code=code, snapshot=snapshot)
            pdf = render_certificate_pdf(snapshot, verification_url(code))
            certificate.pdf.save(f"{code}.pdf", ContentFile(pdf), save=True)
            issue_open_badge(certificate)
            events.certificate_issued(certificate, verification_url(code))
    except IntegrityError:
        return Certificate.objects.get(completion=completion)
    transaction.on_commit(lambda: _email_certificate(certificate))
    return certificate


def certificate_file(certificate):
    """The PDF to hand out, opened: the file issued, or for a revoked certificate one rendered from
    its snapshot and stamped "REVOKED" on every page, so no copy handed out after the revocation
    passes for valid. The stored file itself is kept unchanged, as issued."""
    if certificate.is_valid:
        return certificate.pdf.open("rb")
    revoked_on = timezone.localdate(certificate.revoked_at)
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
        subject=f"Your CME certificate: {snapshot['activity_title']}",
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
        raise RecordRefused("Give the reason for revoking; it is kept in the audit log.", field="reason")
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.revoked_at is not None:
            raise RecordRefused(
                f"Certificate {certificate.code} was already revoked on {certificate.revoked_at:%d %B %Y}."
            )
        certificate.revoked_at = timezone.now()
        certificate.revoked_reason = reason
        certificate.revoked_by = by
        certificate.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
        log(instance=certificate, action=REVOKE_ACTION, user=by, data={"reason": reason, "code": certificate.code})
        touch(certificate.completion)
        events.certificate_revoked(certificate)
    return certificate
