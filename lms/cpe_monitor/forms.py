from django import forms
from wagtail.admin.widgets import AdminDateInput

from courses.models import CoursePage, CreditType


class CpeMonitorExportForm(forms.Form):
    course = forms.ModelChoiceField(
        queryset=CoursePage.objects.filter(credit_designations__credit_type__code=CreditType.ACPE_CONTACT_HOURS)
        .distinct()
        .order_by("title"),
        label="Activity",
        help_text="Activities designated for ACPE contact hours.",
    )
    start = forms.DateField(label="Completed from", widget=AdminDateInput)
    end = forms.DateField(label="Completed until", widget=AdminDateInput, help_text="Inclusive.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            self.add_error("end", "The end date cannot be before the start date.")
        return cleaned
