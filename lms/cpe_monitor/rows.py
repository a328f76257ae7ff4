"""Which ACPE claims of an activity go to CPE Monitor, and what each row says."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from courses.models import CreditType, ParticipantType
from courses.models.acpe import participant_type

from ..models import CreditClaim
from ..models.member import learner_label
from ..services.counted_credit import counted_claims
from ..services.society_time import day_after, day_start, society_date


@dataclass
class CpeRow:
    """One participant row of the batch: one ACPE claim of one completion."""

    claim_id: int
    member_id: str
    first_name: str
    last_name: str
    eprofile_id: str
    birth_month: int | None
    birth_day: int | None
    uan: str
    participation_date: datetime.date
    participant_type: str
    contact_hours: Decimal
    reasons: list = field(default_factory=list)

    @property
    def learner(self):
        return learner_label(self.first_name, self.last_name, self.member_id)

    @property
    def ceus(self):
        # One continuing education unit is ten contact hours.
        return self.contact_hours / 10


def acpe_claims(course):
    """The counted ACPE claims on completions of `course` (credit a revocation withdrew never goes)."""
    return counted_claims(
        CreditClaim.objects.filter(completion__course=course, credit_type__code=CreditType.ACPE_CONTACT_HOURS)
    )


def missing_fields(member, uan, participant):
    """What CPE Monitor needs and the records lack, in the words shown to the admin."""
    reasons = []
    if not member.nabp_eprofile_id:
        reasons.append("missing NABP e-Profile ID")
    if member.birth_month is None or member.birth_day is None:
        reasons.append("missing month and day of birth")
    if not uan:
        reasons.append(f"the activity has no UAN for {ParticipantType(participant).label.lower()}s")
    return reasons


def cpe_rows(course, start, end):
    """(rows, rejected) for the ACPE claims on completions of `course` dated start..end inclusive (the
    society's dates). Learners who are neither pharmacists nor pharmacy technicians are in neither list:
    CPE Monitor holds only theirs."""
    claims = (
        acpe_claims(course)
        .filter(completion__completed_at__gte=day_start(start), completion__completed_at__lt=day_after(end))
        .select_related("completion__member")
        .order_by("completion__completed_at", "completion__member__last_name", "completion__member__first_name")
    )
    registration = course.pharmacy_ce()
    rows, rejected = [], []
    for claim in claims:
        member = claim.completion.member
        participant = participant_type(member.degree)
        if participant is None:
            continue
        uan = registration.uan_for(participant) if registration else ""
        row = CpeRow(
            claim_id=claim.pk,
            member_id=member.member_id,
            first_name=member.first_name.strip(),
            last_name=member.last_name.strip(),
            eprofile_id=member.nabp_eprofile_id,
            birth_month=member.birth_month,
            birth_day=member.birth_day,
            uan=uan,
            participation_date=society_date(claim.completion.completed_at),
            participant_type=participant.value,
            contact_hours=claim.amount,
            reasons=missing_fields(member, uan, participant),
        )
        (rejected if row.reasons else rows).append(row)
    return rows, rejected
