"""Which learners of an activity go to PARS, and what each row of the learner template says.

One row per learner and activity carries the CME credit and the MOC points of one board together;
a learner with MOC for a second board gets a second row for it, without the CME repeated. Only
reportable credit is read: credit that counts (a revoked certificate withdraws it), AMA credit of
physicians who consented, MOC of diplomates whose board consent stands, the full points of an
all-or-nothing board, licence data only with the learner's consent.
"""

from dataclasses import dataclass, field

from courses.models import CreditType, Degree, MocDesignation

from ..models import BoardCertification, Completion, CreditClaim, MocClaim
from ..models.member import ANONYMIZED_ID_PREFIX, learner_label
from ..services.counted_credit import counted_claims, counted_moc_claims
from ..services.society_time import day_after, day_start, society_date
from ..validators import parse_license_states
from . import template as t

PHYSICIAN_DEGREES = (Degree.MD, Degree.DO)


@dataclass
class ParsRow:
    """One row of the learner file: the cells as written, and why PARS would reject it, if it would."""

    completion_id: int
    member_id: str
    board_code: str
    cells: dict
    reasons: list = field(default_factory=list)

    @property
    def learner(self):
        return learner_label(self.cells[t.FIRST_NAME], self.cells[t.LAST_NAME], self.member_id)

    @property
    def completion_date(self):
        return self.cells[t.COMPLETION_DATE]

    @property
    def values(self):
        return [self.cells[header] for header in t.HEADERS]

    @property
    def key(self):
        return (self.completion_id, self.board_code)


def amount(value):
    return f"{value:.2f}"


def completions_in(course, start=None, end=None):
    """The activity's completions dated start..end inclusive (the society's dates), either end open."""
    # An anonymized learner can no longer be named to PARS, nor their reported rows corrected.
    completions = Completion.objects.filter(course=course).exclude(member__member_id__startswith=ANONYMIZED_ID_PREFIX)
    if start:
        completions = completions.filter(completed_at__gte=day_start(start))
    if end:
        completions = completions.filter(completed_at__lt=day_after(end))
    return completions


def current_rows(reporting, completions):
    """[ParsRow] for `completions` of the activity `reporting` describes, in completion order;
    rows with reasons are the ones PARS would reject."""
    completions = list(
        completions.select_related("member").order_by("completed_at", "member__last_name", "member__first_name", "pk")
    )
    ids = [completion.pk for completion in completions]
    cme = {}
    if reporting.report_cme:
        claims = counted_claims(
            CreditClaim.objects.filter(
                completion_id__in=ids,
                report_consent=True,
                credit_type__code=CreditType.AMA_PRA_CATEGORY_1,
                completion__member__degree__in=PHYSICIAN_DEGREES,
            )
        )
        cme = {claim.completion_id: claim for claim in claims}
    moc = {}
    if reporting.report_moc:
        consented = {
            (certification.member_id, certification.board_id)
            for certification in BoardCertification.objects.filter(
                member__completions__in=ids, report_consent=True
            ).exclude(diplomate_id="")
        }
        for claim in counted_moc_claims(MocClaim.objects.filter(completion_id__in=ids)).select_related(
            "board", "completion"
        ):
            if (claim.completion.member_id, claim.board_id) in consented:
                moc.setdefault(claim.completion_id, []).append(claim)
    designations = {
        designation.board_id: designation for designation in MocDesignation.objects.filter(page_id=reporting.course_id)
    }
    rows = []
    for completion in completions:
        mocs = sorted(moc.get(completion.pk, []), key=lambda claim: claim.board.code)
        credit = cme.get(completion.pk)
        # A row per board; a row of CME alone when the learner claimed no MOC to report.
        boards = mocs if mocs else ([None] if credit else [])
        for position, claim in enumerate(boards):
            rows.append(_row(reporting, completion, credit if position == 0 else None, claim, designations))
    return rows


def _row(reporting, completion, credit, moc, designations):
    member = completion.member
    states = parse_license_states(member.license_states)
    licensed = bool(credit and member.license_report_consent and member.license_number.strip() and states)
    cells = {
        t.ACTIVITY_ID: reporting.pars_activity_id,
        t.FIRST_NAME: member.first_name.strip(),
        t.LAST_NAME: member.last_name.strip(),
        t.DOB_MONTH: f"{member.birth_month:02d}" if member.birth_month else "",
        t.DOB_DAY: f"{member.birth_day:02d}" if member.birth_day else "",
        t.COMPLETION_DATE: society_date(completion.completed_at).strftime(t.DATE_FORMAT),
        t.NPI: member.npi if credit else "",
        t.CME_CREDIT_TYPE: t.CME_CREDIT_CODE if credit else "",
        t.CME_CREDITS: amount(credit.amount) if credit else "",
        t.BOARD: moc.board.code if moc else "",
        t.BOARD_ID: moc.diplomate_id.strip() if moc else "",
        t.MOC_CREDIT_TYPE: moc.moc_type if moc else "",
        t.MOC_POINTS: amount(moc.points) if moc else "",
        # PARS takes one licence per row; the first state listed is the learner's primary one.
        t.LICENSING_BOARD: states[0] if licensed else "",
        t.LICENSE_NUMBER: member.license_number.strip() if licensed else "",
        t.ACTION: t.ADD,
    }
    return ParsRow(
        completion_id=completion.pk,
        member_id=member.member_id,
        board_code=moc.board.code if moc else "",
        cells=cells,
        reasons=_reasons(cells, moc, designations),
    )


def _reasons(cells, moc, designations):
    """What PARS needs and the row lacks, in the words shown to the coordinator."""
    reasons = []
    if not cells[t.FIRST_NAME]:
        reasons.append("missing first name")
    if not cells[t.LAST_NAME]:
        reasons.append("missing last name")
    if not cells[t.DOB_MONTH]:
        reasons.append("missing month and day of birth")
    if cells[t.CME_CREDITS] and not cells[t.NPI] and not cells[t.LICENSE_NUMBER]:
        reasons.append("missing NPI or consented state licence (CME)")
    if moc and moc.board.all_or_nothing:
        designation = designations.get(moc.board_id)
        if designation is None or moc.points != designation.points:
            full = designation.points_display if designation else "the activity's"
            reasons.append(f"{moc.board.code} takes only the full {full} points, {amount(moc.points)} claimed")
    return reasons


def pars_rows(reporting, start, end):
    """(rows, rejected) of the activity's completions dated start..end inclusive."""
    rows = current_rows(reporting, completions_in(reporting.course, start, end))
    return [row for row in rows if not row.reasons], [row for row in rows if row.reasons]
