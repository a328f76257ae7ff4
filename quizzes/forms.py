"""The quiz editor's form: checks each question and the quiz settings before anything is saved."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from . import rules


class QuizForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        self._check_attachment(cleaned)
        formset = self.formsets.get("questions")
        if formset is None or not formset.is_valid():
            return cleaned
        kept = [form for form in formset.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        for number, form in enumerate(kept, start=1):
            choices = form.cleaned_data.get("choices") or []
            pairs = [(block.value["text"], bool(block.value["correct"])) for block in choices]
            for problem in rules.question_problems(form.cleaned_data.get("kind"), pairs):
                form.add_error("choices", problem)
                self.add_error(None, f"Question {number}: {problem}")
        for problem in rules.quiz_problems(cleaned.get("question_count"), len(kept)):
            self.add_error("question_count" if kept else None, problem)
        return cleaned

    def _check_attachment(self, cleaned):
        role, course, module = cleaned.get("role"), cleaned.get("course"), cleaned.get("module")
        if role == "knowledge_check":
            if not module:
                self.add_error("module", "A knowledge check follows a module: choose one.")
            if course:
                self.add_error("course", "A knowledge check is attached to a module, not to the activity.")
        elif role in ("pre_test", "post_test"):
            if not course:
                self.add_error("course", "Choose the activity this test belongs to.")
            if module:
                self.add_error("module", "A pre-test or post-test is attached to the activity, not to a module.")


class AnswerForm(forms.Form):
    """Built per attempt from its presented questions; no field or widget carries the answer key."""

    def __init__(self, presented, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for position, question in enumerate(presented, start=1):
            options = [(choice["id"], choice["text"]) for choice in question["choices"]]
            if question["kind"] == rules.MULTIPLE:
                field = forms.MultipleChoiceField(choices=options, widget=forms.CheckboxSelectMultiple, required=False)
            else:
                field = forms.ChoiceField(choices=options, widget=forms.RadioSelect, required=False)
            field.label = f"Question {position}"
            self.fields[f"q{position}"] = field

    def clean(self):
        cleaned = super().clean()
        for name in self.fields:
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, "Choose an answer.")
        return cleaned

    def selections(self):
        """{position: [choice ids]} from the validated form."""
        selections = {}
        for name, value in self.cleaned_data.items():
            selections[int(name[1:])] = list(value) if isinstance(value, list) else [value]
        return selections
