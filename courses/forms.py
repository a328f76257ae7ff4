"""Admin forms that check rules spanning a model and its inline rows."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from .credit import designation_problems


def kept_rows(formset):
    """Cleaned data of the inline rows that will be saved (valid, filled in, not deleted)."""
    if formset is None or not formset.is_valid():
        return []
    return [form.cleaned_data for form in formset.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]


class PersonForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        relationships = kept_rows(self.formsets.get("relationships"))
        if cleaned.get("no_relevant_relationships") and relationships:
            self.add_error(
                "no_relevant_relationships",
                "A person with listed financial relationships cannot also declare none; remove one or the other.",
            )
        elif not cleaned.get("no_relevant_relationships") and not relationships:
            self.add_error(
                "no_relevant_relationships",
                "Disclosure is required: list each financial relationship with an ineligible company, "
                "or tick \u201cNo relevant financial relationships\u201d.",
            )
        return cleaned


class CoursePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("credit_designations")
        if formset is not None and not formset.is_valid():
            return cleaned  # the rows show their own errors
        rows = [(row.get("credit_type"), row.get("max_amount")) for row in kept_rows(formset)]
        for problem in designation_problems(cleaned.get("estimated_minutes"), rows):
            raise forms.ValidationError(problem)
        return cleaned
