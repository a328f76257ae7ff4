"""Admin forms that check rules spanning a model and its inline rows."""

from types import SimpleNamespace

from django import forms
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from .credit import designation_problems
from .disclosure_window import is_relevant, relationship_problems

RELATIONSHIP_FIELDS = ("ineligible_company", "started_on", "ended_on")


def kept_rows(formset):
    """Cleaned data of the inline rows that will be saved (valid, filled in, not deleted)."""
    if formset is None or not formset.is_valid():
        return []
    return [form.cleaned_data for form in formset.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]


class PersonForm(WagtailAdminModelForm):
    """A disclosure covers the 24 months before its date: each relationship row is checked against
    that window, and the person either lists a relevant relationship or declares none."""

    def clean(self):
        cleaned = super().clean()
        disclosure_date = cleaned.get("disclosure_date")
        if disclosure_date and disclosure_date > timezone.localdate():
            self.add_error("disclosure_date", "The disclosure date cannot be in the future.")
        formset = self.formsets.get("relationships")
        relationships = kept_rows(formset)
        if formset is not None and formset.is_valid():
            for form in formset.forms:
                if form.cleaned_data and not form.cleaned_data.get("DELETE"):
                    row = SimpleNamespace(**{name: form.cleaned_data.get(name) for name in RELATIONSHIP_FIELDS})
                    for name, message in relationship_problems(row, disclosure_date).items():
                        form.add_error(name, message)
        relevant = [
            row
            for row in relationships
            if is_relevant(SimpleNamespace(**{name: row.get(name) for name in RELATIONSHIP_FIELDS}), disclosure_date)
        ]
        if cleaned.get("no_relevant_relationships") and relevant:
            self.add_error(
                "no_relevant_relationships",
                "A person with listed financial relationships with ineligible companies cannot also declare none; "
                "remove one or the other.",
            )
        elif not cleaned.get("no_relevant_relationships") and not relevant:
            self.add_error(
                "no_relevant_relationships",
                "Disclosure is required: list each financial relationship with an ineligible company from the 24 "
                "months before the disclosure date, or tick \u201cNo relevant financial relationships\u201d.",
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
        mitigated = [row.get("relationship") for row in kept_rows(self.formsets.get("mitigations"))]
        twice = {str(relationship) for relationship in mitigated if mitigated.count(relationship) > 1}
        if twice:
            raise forms.ValidationError(
                f"Each relationship is mitigated once per activity; {', '.join(sorted(twice))} has more than one row."
            )
        return cleaned


class ModulePageForm(WagtailAdminPageForm):
    """The module's objectives are ticked from its activity's, by their stable ids; an id the
    activity does not list is refused as an invalid choice."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        # Imported here: the models package imports this module while it loads.
        from .objectives import activity_objectives

        course = parent_page.specific if parent_page is not None else self.instance.get_course()
        if "objectives" in self.fields:
            self.fields["objectives"] = forms.MultipleChoiceField(
                choices=activity_objectives(course),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                label="Objectives served",
                help_text="The activity's learning objectives this module serves; edit their wording on the activity.",
            )


class CreditTypeForm(WagtailAdminModelForm):
    """Who may claim the credit, as ticked degrees (stored as their codes)."""

    eligible_degrees = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Who may claim it",
        help_text="The degrees whose holders may claim this credit; none ticked: every learner. Others who "
        "complete a designated activity receive a certificate of participation.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Imported here: the models package imports this module while it loads.
        from .models.choices import Degree

        self.fields["eligible_degrees"].choices = Degree.choices
