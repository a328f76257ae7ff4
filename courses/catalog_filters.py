from django import forms

from .models.choices import LearningFormat
from .models.snippets import Track


class CatalogFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=200)
    track = forms.ModelChoiceField(
        label="Track", queryset=Track.objects.all(), to_field_name="slug", required=False, empty_label="All tracks"
    )
    format = forms.ChoiceField(label="Format", required=False, choices=[("", "All formats"), *LearningFormat.choices])
    credit = forms.DecimalField(
        label="At least this much credit", required=False, min_value=0, max_value=100, decimal_places=2
    )
