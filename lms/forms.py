"""Learner forms: the evaluation and the credit claim with its attestation."""

import datetime
import re

from django import forms

from courses.models import Board

from .models import Evaluation
from .services.credit import amount_field, moc_field

SCALE = [
    (str(n), label)
    for n, label in ((5, "5 - strongly agree"), (4, "4"), (3, "3"), (2, "2"), (1, "1 - strongly disagree"))
]
QUALITY = [(str(n), label) for n, label in ((5, "5 - excellent"), (4, "4"), (3, "3"), (2, "2"), (1, "1 - poor"))]


class EvaluationForm(forms.Form):
    relevance = forms.TypedChoiceField(
        label="The content was relevant to my practice",
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Rate how relevant the content was to your practice."},
    )
    practice_change = forms.ChoiceField(
        label="Will you change your practice as a result of this activity?",
        choices=Evaluation.Intention.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether you will change your practice."},
    )
    commitment_to_change = forms.CharField(
        label="What will you do differently? (commitment to change)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    free_of_commercial_bias = forms.TypedChoiceField(
        label="Was the content free of commercial bias?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the content was free of commercial bias."},
    )
    bias_comment = forms.CharField(
        label="If not, where did you notice bias?",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    overall_quality = forms.TypedChoiceField(
        label="Overall quality of the activity",
        choices=QUALITY,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Rate the overall quality of the activity."},
    )
    comments = forms.CharField(
        label="Other comments", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, course, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.objective_fields = []
        objective_fields = {}
        for number, block in enumerate(course.learning_objectives, start=1):
            name = f"objective_{block.id}"
            objective_fields[name] = forms.TypedChoiceField(
                label=f"Objective {number} was met: {block.value}",
                choices=SCALE,
                coerce=int,
                widget=forms.RadioSelect,
                # The summary at the top lists this message alone: it names what to answer.
                error_messages={"required": f"Rate how far objective {number} was met."},
            )
            self.objective_fields.append((block.id, name))
        self.fields = {**objective_fields, **self.fields}

    rating_scale = SCALE

    @property
    def objective_ratings(self):
        """The per-objective rating fields, bound, in the objectives' order (shown as one grid)."""
        return [self[name] for _, name in self.objective_fields]

    @property
    def other_questions(self):
        names = {name for _, name in self.objective_fields}
        return [field for field in self if field.name not in names]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("free_of_commercial_bias") is False and not cleaned.get("bias_comment", "").strip():
            self.add_error("bias_comment", "Tell us where you noticed bias, so the planners can act on it.")
        return cleaned

    def answers(self):
        data = dict(self.cleaned_data)
        data["objective_ratings"] = {block_id: data.pop(name) for block_id, name in self.objective_fields}
        return data


class CreditClaimForm(forms.Form):
    """What the learner may claim now (services/eligibility.py), each optional: blank or 0 is not
    claimed now and stays claimable while the activity awards credit; one at least is needed."""

    minutes = forms.IntegerField(
        label="Minutes you actually spent on the activity",
        min_value=1,
        max_value=60 * 24,
    )
    attest = forms.BooleanField(
        label="I claim only the credit commensurate with the extent of my participation in the activity.",
        error_messages={"required": "Tick the attestation to claim credit."},
    )
    report_consent = forms.TypedChoiceField(
        label="May we report this completion to ACCME's PARS and, where you claim MOC, to your certifying board?",
        choices=[("yes", "Yes, report it"), ("no", "No, do not report it")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )

    def __init__(self, options, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.amount_fields, self.moc_fields = [], []
        for designation in options.credit:
            name = amount_field(designation.credit_type)
            # Limits are checked by the claim service, which words the refusal; the widget
            # attributes only help the browser.
            self.fields[name] = forms.DecimalField(
                label=(
                    f"{designation.credit_type} to claim (at most {designation.max_amount_display}, in steps of "
                    "0.25; leave blank to claim later)"
                ),
                required=False,
                max_digits=5,
                decimal_places=2,
                initial=designation.max_amount,
                widget=forms.NumberInput(attrs={"min": "0", "max": designation.max_amount_display, "step": "0.25"}),
            )
            self.amount_fields.append((designation.credit_type, name))
        for designation, certification in options.moc:
            board = designation.board
            name = moc_field(board)
            rule = (
                f"all {designation.points_display} points or none"
                if board.all_or_nothing
                else f"at most {designation.points_display}, in steps of 0.25"
            )
            self.fields[name] = forms.DecimalField(
                label=f"{board.code} MOC points, {designation.moc_type} ({rule}; diplomate id "
                f"{certification.diplomate_id}; leave blank to claim later)",
                required=False,
                max_digits=5,
                decimal_places=2,
                widget=forms.NumberInput(attrs={"min": "0", "max": designation.points_display, "step": "0.25"}),
            )
            self.moc_fields.append((board, name))
        if options.participation_open:
            designated = "; ".join(
                f"{d.max_amount_display} {d.credit_type.name_for(d.max_amount)}" for d in options.participation
            )
            self.fields["participation"] = forms.BooleanField(
                label=f"Record my participation: a certificate of participation stating that the activity was "
                f"designated for a maximum of {designated} and the hours I participated.",
                required=False,
                initial=True,
            )
        if not options.credit and not options.moc:
            self.fields["attest"].label = "I attest that the minutes above are the time I spent on this activity."

    def amounts(self):
        return self._chosen(self.amount_fields)

    def moc(self):
        return self._chosen(self.moc_fields)

    def participation(self):
        return bool(self.cleaned_data.get("participation"))

    def _chosen(self, fields):
        # Blank or 0: not claimed in this submission.
        return {key: self.cleaned_data[name] for key, name in fields if self.cleaned_data.get(name)}

    def clean(self):
        cleaned = super().clean()
        if not (self.amounts() or self.moc() or self.participation()):
            raise forms.ValidationError("Choose the credit you claim.")
        return cleaned


class BoardCertificationForm(forms.Form):
    board = forms.ModelChoiceField(queryset=None, empty_label=None)
    diplomate_id = forms.CharField(label="Diplomate id", max_length=40)
    report_consent = forms.BooleanField(
        label="I consent to my MOC participation being reported to this board.", required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["board"].queryset = Board.objects.all()


class NabpDetailsForm(forms.Form):
    """What CPE Monitor matches a pharmacist's or technician's ACPE credit on; the service checks it."""

    nabp_eprofile_id = forms.CharField(
        label="NABP e-Profile ID", max_length=7, help_text="6 or 7 digits, as shown in your NABP e-Profile."
    )
    birth_month = forms.TypedChoiceField(
        label="Month of birth",
        coerce=int,
        choices=[(n, datetime.date(2000, n, 1).strftime("%B")) for n in range(1, 13)],
    )
    birth_day = forms.IntegerField(label="Day of birth", min_value=1, max_value=31)


class PeriodForm(forms.Form):
    start = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["start"] > cleaned["end"]:
            self.add_error("end", "The end of the period is before its start.")
        return cleaned

    def period(self):
        if not self.is_valid():
            return None, None
        return self.cleaned_data.get("start"), self.cleaned_data.get("end")


def renewal_period_start(years, today=None):
    today = today or datetime.date.today()
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


class VerifyForm(forms.Form):
    code = forms.CharField(
        label="Certificate code",
        max_length=32,
        help_text="As printed on the certificate, e.g. ABCD-EFGH-JKLM-NPQR.",
        error_messages={"required": "Enter the code printed on the certificate."},
    )

    def clean_code(self):
        # Typed from paper: spaces around and lower case are forgiven, as the code page forgives them.
        code = self.cleaned_data["code"].strip().upper()
        if not re.fullmatch(r"[A-Z0-9-]+", code):
            raise forms.ValidationError("A certificate code has only letters, digits and dashes.")
        return code
