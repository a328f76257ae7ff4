"""Who may claim what: the one answer the claim service, the claim page, the API and the admin ask.

- A credit type is claimable by holders of the degrees it names (AMA PRA Category 1 Credit: MD
  and DO); a learner outside them who completes a designated activity records their participation
  and receives a certificate of participation instead.
- MOC for a board is claimable by a learner who holds that board's diplomate id and consented to
  report their participation to that board.
- Pharmacy CE (ACPE) reaches a learner only through NABP's CPE Monitor, which matches the NABP
  e-Profile ID and the month and day of birth: a pharmacist or technician claims it with both on
  their member record.
- Each credit type is optional at claim time: what is not claimed yet stays claimable while the
  activity awards credit.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from courses.models import CreditDesignation, Degree, MocDesignation

from ..models import BoardCertification, CreditClaim, MocClaim, Participation


def credit_refusal(member, credit_type):
    """Why `member` may not claim `credit_type`, or None when they may."""
    return degree_refusal(member, credit_type) or reporting_refusal(member, credit_type)


def reporting_refusal(member, credit_type):
    """Why credit `member` may hold cannot be claimed yet: what it is reported under is missing."""
    if not credit_type.is_acpe:
        return None
    missing = []
    if not member.nabp_eprofile_id:
        missing.append("your NABP e-Profile ID")
    if member.birth_month is None or member.birth_day is None:
        missing.append("your month and day of birth")
    if not missing:
        return None
    return (
        f"{credit_type.plural_name or credit_type} reach you only through NABP's CPE Monitor, which needs your NABP "
        f"e-Profile ID and your month and day of birth: add {' and '.join(missing)} to claim them."
    )


def degree_refusal(member, credit_type):
    """Why `member`'s degree may not claim `credit_type` (a certificate of participation instead), or None."""
    if credit_type.is_open_to(member.degree):
        return None
    degree = Degree(member.degree).label if member.degree in Degree.values else member.degree
    return (
        f"{credit_type} is for {credit_type.eligible_degrees_display} only (your degree: {degree}); record your "
        "participation instead and receive a certificate of participation."
    )


def moc_refusal(board, certification):
    """Why a learner with `certification` (their BoardCertification for `board`, or None) may not
    claim MOC for `board`, or None when they may."""
    if certification is None or not certification.diplomate_id.strip():
        return f"Add your {board.code} diplomate id to claim {board.code} MOC."
    if not certification.report_consent:
        return f"Consent to reporting your participation to the {board.name} to claim {board.code} MOC."
    return None


@dataclass
class ClaimOptions:
    """What `member` may claim on one activity now, and what not and why."""

    credit: list = field(default_factory=list)  # CreditDesignations claimable now
    participation: list = field(default_factory=list)  # CreditDesignations the learner may not claim
    moc: list = field(default_factory=list)  # (MocDesignation, BoardCertification) claimable now
    moc_refused: list = field(default_factory=list)  # (MocDesignation, reason)
    credit_refused: list = field(default_factory=list)  # (CreditDesignation, reason) until the learner adds details
    claimed_credit: set = field(default_factory=set)  # credit type ids
    claimed_moc: set = field(default_factory=set)  # board ids
    participation_recorded: bool = False

    @property
    def participation_open(self):
        return bool(self.participation) and not self.participation_recorded

    @property
    def anything_claimable(self):
        return bool(self.credit or self.moc or self.participation_open)


def claim_options(member, course, completion=None):
    """The activity's designations sorted by what `member` may do with them (claimed, claimable,
    participation only, MOC refused with the reason)."""
    return claim_options_for(member, [(course, completion)])[course.pk]


def claim_options_for(member, activities):
    """{activity pk: ClaimOptions} for `member` in each (course, completion or None) of
    `activities`, read in a fixed number of queries whatever their number (the dashboard asks for
    every completed activity at once)."""
    course_ids = [course.pk for course, _ in activities]
    completion_ids = [completion.pk for _, completion in activities if completion is not None]
    claimed_credit, claimed_moc = defaultdict(set), defaultdict(set)
    for completion_id, credit_type_id in CreditClaim.objects.filter(completion_id__in=completion_ids).values_list(
        "completion_id", "credit_type_id"
    ):
        claimed_credit[completion_id].add(credit_type_id)
    for completion_id, board_id in MocClaim.objects.filter(completion_id__in=completion_ids).values_list(
        "completion_id", "board_id"
    ):
        claimed_moc[completion_id].add(board_id)
    participations = set(
        Participation.objects.filter(completion_id__in=completion_ids).values_list("completion_id", flat=True)
    )
    designations, moc_designations = defaultdict(list), defaultdict(list)
    for designation in CreditDesignation.objects.filter(page_id__in=course_ids).select_related("credit_type"):
        designations[designation.page_id].append(designation)
    for designation in MocDesignation.objects.filter(page_id__in=course_ids).select_related("board"):
        moc_designations[designation.page_id].append(designation)
    certifications = {c.board_id: c for c in BoardCertification.objects.filter(member=member)}
    found = {}
    for course, completion in activities:
        key = completion.pk if completion is not None else None
        options = ClaimOptions(
            claimed_credit=claimed_credit[key],
            claimed_moc=claimed_moc[key],
            participation_recorded=key in participations,
        )
        _sort(member, options, designations[course.pk], moc_designations[course.pk], certifications)
        found[course.pk] = options
    return found


def _sort(member, options, designations, moc_designations, certifications):
    """The one rule of what is claimable, applied to rows already read."""
    for designation in designations:
        if degree_refusal(member, designation.credit_type):
            options.participation.append(designation)
        elif designation.credit_type_id in options.claimed_credit:
            continue
        elif reason := reporting_refusal(member, designation.credit_type):
            options.credit_refused.append((designation, reason))
        else:
            options.credit.append(designation)
    for designation in moc_designations:
        if designation.board_id in options.claimed_moc:
            continue
        certification = certifications.get(designation.board_id)
        reason = moc_refusal(designation.board, certification)
        if reason:
            options.moc_refused.append((designation, reason))
        else:
            options.moc.append((designation, certification))
