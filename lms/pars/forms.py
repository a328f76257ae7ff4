from django import forms
from wagtail.admin.widgets import AdminDateInput

from courses.models import CoursePage

from ..models import ActivityReporting, ExportMode, FileFormat


class ParsExportForm(forms.Form):
    course = forms.ModelChoiceField(queryset=CoursePage.objects.order_by("title"), label="Activity")
    mode = forms.ChoiceField(choices=ExportMode.choices, initial=ExportMode.NEW, required=False, label="Learners")
    start = forms.DateField(
        label="Completed from", widget=AdminDateInput, required=False, help_text="Empty: from the first completion."
    )
    end = forms.DateField(
        label="Completed until", widget=AdminDateInput, required=False, help_text="Inclusive; empty: until today."
    )
    file_format = forms.ChoiceField(choices=FileFormat.choices, initial=FileFormat.XLSX, required=False, label="File")

    def clean(self):
        cleaned = super().clean()
        # Choosing an activity alone previews what is new for it, as an Excel file.
        cleaned["mode"] = cleaned.get("mode") or ExportMode.NEW
        cleaned["file_format"] = cleaned.get("file_format") or FileFormat.XLSX
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            self.add_error("end", "The end date cannot be before the start date.")
        return cleaned


class ActivityReportingForm(forms.ModelForm):
    class Meta:
        model = ActivityReporting
        fields = ["pars_activity_id", "report_cme", "report_moc"]
