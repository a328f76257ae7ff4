"""Which credit claims of an activity go to PARS, and what each row says."""

import datetime
from dataclasses import dataclass, field

from ..models import CreditClaim
from ..services.counted_credit import counted_claims
from ..services.society_time import day_after, day_start, society_date
from ..validators import parse_license_states

MOC_CODE_PREFIX = "moc"


@dataclass
class ParsRow:
    """One learner row of the upload: one credit claim of one completion."""

    member_id: str
    first_name: str
    last_name: str
    birth_month: int | None
    birth_day: int | None
    npi: str
    license_state: str
    board_id: str
    completion_date: datetime.date
    credit_type: str
    amount: str
    moc_points: str
    reasons: list = field(default_factory=list)

    @property
    def learner(self):
        name = f"{self.first_name} {self.last_name}".strip()
        return f"{name} ({self.member_id})" if name else self.member_id

    @property
    def needs_license_number(self):
        return not self.npi


def is_moc(credit_type):
    return credit_type.code.lower().startswith(MOC_CODE_PREFIX)


def missing_fields(member, moc):
    """What PARS needs and the member record lacks, in the words shown to the admin."""
    reasons = []
    if not member.first_name.strip():
        reasons.append("missing first name")
    if not member.last_name.strip():
        reasons.append("missing last name")
    if member.birth_month is None or member.birth_day is None:
        reasons.append("missing month and day of birth")
    if not member.npi and not parse_license_states(member.license_states):
        reasons.append("missing NPI and state license")
    if moc and not member.board_id.strip():
        reasons.append("missing board ID (MOC points claimed)")
    return reasons


def pars_rows(course, start, end):
    """(rows, rejected) for consenting claims on completions of `course` dated start..end inclusive
    (the society's dates).

    Claims whose learner did not consent to reporting, and credit a revoked certificate withdrew,
    are left out of both lists.
    """
    claims = (
        counted_claims(
            CreditClaim.objects.filter(
                completion__course=course,
                completion__completed_at__gte=day_start(start),
                completion__completed_at__lt=day_after(end),
                report_consent=True,
            )
        )
        .select_related("completion__member", "credit_type")
        .order_by(
            "completion__completed_at",
            "completion__member__last_name",
            "completion__member__first_name",
            "credit_type__name",
        )
    )
    rows, rejected = [], []
    for claim in claims:
        member = claim.completion.member
        moc = is_moc(claim.credit_type)
        states = parse_license_states(member.license_states)
        row = ParsRow(
            member_id=member.member_id,
            first_name=member.first_name.strip(),
            last_name=member.last_name.strip(),
            birth_month=member.birth_month,
            birth_day=member.birth_day,
            npi=member.npi,
            # PARS takes one license per row; the first state listed is the learner's primary one.
            license_state="" if member.npi or not states else states[0],
            board_id=member.board_id.strip() if moc else "",
            completion_date=society_date(claim.completion.completed_at),
            credit_type=claim.credit_type.name,
            amount=f"{claim.amount:.2f}",
            moc_points=f"{claim.amount:.2f}" if moc else "",
            reasons=missing_fields(member, moc),
        )
        (rejected if row.reasons else rows).append(row)
    return rows, rejected
