"""Claiming credit: the attestation, the amounts, MOC by board, participation, and the certificate
that follows the claims (services/eligibility.py says who may claim what)."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from content.refusals import Refused
from courses.credit import hours_for_minutes, is_quarter_step

from ..models import Certificate, Completion, CreditClaim, MocClaim, Participation
from . import events, progress_cache
from .access import ensure_may_progress
from .certificates import issue_certificate
from .completion import completion_status, member_under_lock
from .eligibility import claim_options, credit_refusal, moc_refusal
from .feed import touch

ATTESTATION = (
    "I attest that I spent {minutes} minutes on this activity and claim only the credit commensurate "
    "with the extent of my participation in the activity."
)
PARTICIPATION_ATTESTATION = "I attest that I spent {minutes} minutes on this activity."
CLAIM_ACTION = "cme_lms.claim_credit"
MOC_ACTION = "cme_lms.claim_moc"
PARTICIPATION_ACTION = "cme_lms.record_participation"


def amount_field(credit_type):
    return f"amount_{credit_type.code}"


def moc_field(board):
    return f"moc_{board.code.lower()}"


def claim_credit(
    member, course, minutes, amounts, report_consent, today=None, *, moc=None, participation=False, by=None
):
    """Record the claims of one submission and return the certificate that now holds them.

    `amounts` is {CreditType: Decimal}, `moc` {Board: Decimal}; `participation` records the time of a
    learner who may not claim a designated credit type. Each is optional, one at least is needed; a
    later submission adds to the same completion and issues the next certificate version. `by` is
    who acts (the learner unless staff claim for them), for the audit log.

    Refused, with the reason and nothing written, when the learner may not take a step in the
    activity (services/access.py), before completion, after its certificate was revoked, outside
    the activity's credit dates, for a credit type the learner's degree may not claim, for MOC
    without the board's diplomate id and consent, for part of an all-or-nothing board's points,
    over the designated maximum, off the 0.25 steps, beyond the attested time, or for anything
    already claimed.
    """
    today = today or timezone.localdate()
    moc = moc or {}
    with transaction.atomic():
        ensure_may_progress(member_under_lock(member), course)
        completion = Completion.objects.filter(member=member, course=course).first()
        if completion is None:
            steps = completion_status(member, course).outstanding
            raise Refused("You can claim credit once you have completed the activity: " + "; ".join(steps) + ".")
        revoked = Certificate.objects.filter(completion=completion, revoked_at__isnull=False).first()
        if revoked is not None:
            raise Refused(
                f"Your certificate {revoked.code} for {course.title} was revoked on {revoked.revoked_at:%d %B %Y}; "
                "no further credit can be claimed for it. Contact the CME office with any questions."
            )
        if not course.awards_credit_on(today):
            raise Refused(f"{course.title} expired on {course.expiration_date:%d %B %Y} and no longer awards credit.")
        if not isinstance(minutes, int) or minutes <= 0:
            raise Refused("Enter the minutes you actually spent, a whole number above zero.", field="minutes")
        options = claim_options(member, course, completion)
        claims = _credit_claims(member, course, completion, minutes, amounts, report_consent)
        moc_claims = _moc_claims(course, completion, options, minutes, moc)
        recorded = _participation(course, completion, options, minutes) if participation else None
        if not (claims or moc_claims or recorded):
            raise Refused("Choose the credit you claim.")
        by = by or member.user
        for claim in claims:
            claim.save()
            log(
                instance=claim,
                action=CLAIM_ACTION,
                user=by,
                data=_claim_data(claim, credit_type=claim.credit_type.code),
            )
        for claim in moc_claims:
            claim.save()
            log(instance=claim, action=MOC_ACTION, user=by, data=_claim_data(claim, board=claim.board.code))
        if recorded is not None:
            recorded.save()
            log(
                instance=recorded,
                action=PARTICIPATION_ACTION,
                user=by,
                data={"completion_id": completion.pk, "minutes_attested": minutes},
            )
        progress_cache.member_changed(member.pk)
        certificate = issue_certificate(completion, by=by)
        touch(completion)
        events.credit_claimed(completion, claims, certificate, moc_claims=moc_claims)
        return certificate


def _claim_data(claim, **identity):
    amount = claim.amount if isinstance(claim, CreditClaim) else claim.points
    return {"completion_id": claim.completion_id, "amount": f"{amount:.2f}", **identity}


def _check_amount(amount, maximum, field, what):
    if amount <= 0:
        raise Refused("Claim more than zero credit.", field=field)
    if not is_quarter_step(amount):
        raise Refused(f"Claim credit in steps of 0.25; {amount} is not one.", field=field)
    if amount > maximum:
        raise Refused(f"You can claim at most {maximum:.2f} {what}.", field=field)


def _credit_claims(member, course, completion, minutes, amounts, report_consent):
    designations = {d.credit_type_id: d for d in course.credit_designations.select_related("credit_type")}
    already = {claim.credit_type_id: claim for claim in CreditClaim.objects.filter(completion=completion)}
    claims = []
    for credit_type, amount in amounts.items():
        field = amount_field(credit_type)
        designation = designations.get(credit_type.pk)
        if designation is None:
            raise Refused(f"{course.title} is not designated for {credit_type}.", field=field)
        refusal = credit_refusal(member, credit_type)
        if refusal:
            raise Refused(refusal, field=field)
        if credit_type.pk in already:
            raise Refused(
                f"You already claimed {already[credit_type.pk].amount} {credit_type} for this activity "
                f"on {already[credit_type.pk].claimed_at:%d %B %Y}.",
                field=field,
            )
        amount = Decimal(amount)
        _check_amount(amount, designation.max_amount, field, credit_type)
        if credit_type.hour_based and amount > hours_for_minutes(minutes):
            raise Refused(
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
    return claims


def _moc_claims(course, completion, options, minutes, moc):
    designations = {d.board_id: d for d in course.moc_designations.select_related("board")}
    claimable = {designation.board_id: certification for designation, certification in options.moc}
    claims = []
    for board, points in moc.items():
        field = moc_field(board)
        designation = designations.get(board.pk)
        if designation is None:
            raise Refused(f"{course.title} awards no {board.code} MOC.", field=field)
        if board.pk in options.claimed_moc:
            raise Refused(f"You already claimed {board.code} MOC for this activity.", field=field)
        if board.pk not in claimable:
            refused = {d.board_id: reason for d, reason in options.moc_refused}
            raise Refused(refused.get(board.pk) or moc_refusal(board, None), field=field)
        points = Decimal(points)
        if board.all_or_nothing and points != designation.points:
            raise Refused(
                f"The {board.name} accepts no partial credit: claim all {designation.points_display} points or none.",
                field=field,
            )
        _check_amount(points, designation.points, field, f"{board.code} MOC points")
        claims.append(
            MocClaim(
                completion=completion,
                board=board,
                moc_type=designation.moc_type,
                points=points,
                diplomate_id=claimable[board.pk].diplomate_id.strip(),
                minutes_attested=minutes,
                attestation=ATTESTATION.format(minutes=minutes),
            )
        )
    return claims


def _participation(course, completion, options, minutes):
    if options.participation_recorded:
        raise Refused("Your participation in this activity is already recorded.", field="participation")
    if not options.participation:
        raise Refused(
            f"You may claim the credit {course.title} is designated for; claim it instead of recording participation.",
            field="participation",
        )
    return Participation(
        completion=completion, minutes_attested=minutes, attestation=PARTICIPATION_ATTESTATION.format(minutes=minutes)
    )
