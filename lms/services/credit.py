"""Claiming credit: the attestation, the amounts, and the certificate issued with the first claim."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from courses.credit import hours_for_minutes, is_quarter_step

from ..models import Completion, CreditClaim
from . import events, progress_cache
from .access import ensure_may_progress
from .certificates import issue_certificate
from .completion import completion_status, lock_member
from .errors import RecordRefused
from .feed import touch

ATTESTATION = (
    "I attest that I spent {minutes} minutes on this activity and claim only the credit commensurate "
    "with the extent of my participation in the activity."
)


def claim_credit(member, course, minutes, amounts, report_consent, today=None):
    """Record one claim per credit type in `amounts` ({CreditType: Decimal}); return the certificate.

    Refused, with the reason and nothing written, when the learner may not take a step in the
    activity (services/access.py: not enrolled, or a members-only activity without an active
    membership), before completion, outside the activity's credit dates, over the designated
    maximum, off the 0.25 steps, beyond the attested time, or for a credit type already claimed.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        ensure_may_progress(lock_member(member), course)
        completion = Completion.objects.filter(member=member, course=course).first()
        if completion is None:
            steps = completion_status(member, course).outstanding
            raise RecordRefused("You can claim credit once you have completed the activity: " + "; ".join(steps) + ".")
        if not course.awards_credit_on(today):
            raise RecordRefused(
                f"{course.title} expired on {course.expiration_date:%d %B %Y} and no longer awards credit."
            )
        if not isinstance(minutes, int) or minutes <= 0:
            raise RecordRefused("Enter the minutes you actually spent, a whole number above zero.", field="minutes")
        designations = {d.credit_type_id: d for d in course.credit_designations.select_related("credit_type")}
        already = {claim.credit_type_id: claim for claim in CreditClaim.objects.filter(completion=completion)}
        claims = []
        for credit_type, amount in amounts.items():
            field = f"amount_{credit_type.code}"
            designation = designations.get(credit_type.pk)
            if designation is None:
                raise RecordRefused(f"{course.title} is not designated for {credit_type}.", field=field)
            if credit_type.pk in already:
                raise RecordRefused(
                    f"You already claimed {already[credit_type.pk].amount} {credit_type} for this activity "
                    f"on {already[credit_type.pk].claimed_at:%d %B %Y}.",
                    field=field,
                )
            amount = Decimal(amount)
            if amount <= 0:
                raise RecordRefused("Claim more than zero credit.", field=field)
            if not is_quarter_step(amount):
                raise RecordRefused(f"Claim credit in steps of 0.25; {amount} is not one.", field=field)
            if amount > designation.max_amount:
                raise RecordRefused(
                    f"You can claim at most {designation.max_amount_display} {credit_type}.", field=field
                )
            if credit_type.hour_based and amount > hours_for_minutes(minutes):
                raise RecordRefused(
                    f"{minutes} minutes supports at most {hours_for_minutes(minutes)} {credit_type}; "
                    "claim only the credit commensurate with your participation.",
                    field=field,
                )
            claims.append(
                CreditClaim(
                    completion=completion,
                    credit_type=credit_type,
                    amount=amount,
                    minutes_attested=minutes,
                    attestation=ATTESTATION.format(minutes=minutes),
                    report_consent=report_consent,
                )
            )
        if not claims:
            raise RecordRefused("Choose the credit you claim.")
        CreditClaim.objects.bulk_create(claims)
        progress_cache.member_changed(member.pk)  # bulk_create sends no save signal
        certificate = issue_certificate(completion)
        touch(completion)
        events.credit_claimed(completion, claims, certificate)
        return certificate
