"""The quiz editor's form: checks each question and the quiz settings before anything is saved."""

import re

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


ANSWER_FIELD = re.compile(r"q(\d+)")


class PostedChoices(forms.MultipleChoiceField):
    """Every choice id posted under the field's name, as sent: the attempt service judges them, for
    the page and the API alike, so the page has no second set of rules."""

    def validate(self, value):
        pass


class SingleAnswerRadios(forms.RadioSelect):
    # Read every value posted under the name, so two answers to a one-answer question are seen.
    allow_multiple_selected = True


class AnswerForm(forms.Form):
    """Built per attempt from its presented questions; no field or widget carries the answer key."""

    def __init__(self, presented, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for position, question in enumerate(presented, start=1):
            options = [(choice["id"], choice["text"]) for choice in question["choices"]]
            widget = forms.CheckboxSelectMultiple if question["kind"] == rules.MULTIPLE else SingleAnswerRadios
            self.fields[f"q{position}"] = PostedChoices(
                choices=options, widget=widget, required=False, label=f"Question {position}"
            )

    def clean(self):
        # The page asks for every question; through the API a question left out scores 0.
        cleaned = super().clean()
        for name in self.fields:
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, "Choose an answer.")
        return cleaned

    def answers(self):
        """[(position, [choice ids])] for every answer field posted, the attempt's or not."""
        return [
            (int(match[1]), self.data.getlist(name)) for name in self.data if (match := ANSWER_FIELD.fullmatch(name))
        ]

    def refuse(self, problems):
        """Show the attempt service's refusals beside the questions they concern."""
        for problem in problems:
            name = f"q{problem.position}"
            self.add_error(name if name in self.fields else None, problem.message)
