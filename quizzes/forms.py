"""The quiz editor's form: checks each question and the quiz settings before anything is saved."""

import re
from dataclasses import dataclass

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from courses.models import CoursePage, ModulePage

from . import blueprint, rules
from .banks.rules import draw_problems, twin_test_bank_ids
from .pass_mark import pass_mark_problem


class ObjectiveChoices(forms.MultipleChoiceField):
    """Tags of objectives the activity no longer lists are dropped when the item is saved again: the
    editor could not untick them, as they are not shown."""

    def to_python(self, value):
        known = {str(key) for key, _ in self.choices}
        return [tag for tag in super().to_python(value) if tag in known]


def objective_tagging(form_class, choices):
    """The question form with the activity's objectives to tick, by their stable ids."""
    field = ObjectiveChoices(
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Objectives assessed",
        help_text="The activity's learning objectives this item assesses; a post-test draws one item per objective.",
    )
    return type(form_class.__name__, (form_class,), {"objectives": field})


def objective_filter(form_class, choices):
    """The draw form with the activity's objectives to choose from, by their stable ids."""
    field = forms.ChoiceField(
        choices=[("", "Any objective"), *choices],
        required=False,
        label="Objective",
        help_text="Draw only items assessing this objective.",
    )
    return type(form_class.__name__, (form_class,), {"objective": field})


@dataclass(frozen=True)
class ItemDraft:
    key: str
    stem: str
    objectives: list


class QuizForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.activity = self._activity()
        formset = self.formsets.get("questions")
        if formset is not None:
            formset.form = objective_tagging(formset.form, blueprint.activity_objectives(self.activity))
        draws = self.formsets.get("draws")
        if draws is not None:
            draws.form = objective_filter(draws.form, blueprint.activity_objectives(self.activity))

    def _activity(self):
        """The activity whose objectives the items are tagged with: the one chosen in the form as sent."""
        if self.is_bound:
            course_id, module_id = self.data.get(self.add_prefix("course")), self.data.get(self.add_prefix("module"))
        else:
            course_id, module_id = self.instance.course_id, self.instance.module_id
        if str(course_id or "").isdigit():
            return CoursePage.objects.filter(pk=course_id).first()
        module = ModulePage.objects.filter(pk=module_id).first() if str(module_id or "").isdigit() else None
        return module.get_course() if module else None

    def clean(self):
        cleaned = super().clean()
        self._check_attachment(cleaned)
        problem = pass_mark_problem(cleaned.get("passing_score")) if cleaned.get("role") == "post_test" else None
        if problem and "passing_score" in cleaned:
            self.add_error("passing_score", problem)
        formset = self.formsets.get("questions")
        if formset is None or not formset.is_valid():
            return cleaned
        kept = [form for form in formset.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        drawn_items, drawn_count = self._check_draws(cleaned)
        for number, form in enumerate(kept, start=1):
            choices = form.cleaned_data.get("choices") or []
            pairs = [(block.value["text"], bool(block.value["correct"])) for block in choices]
            for problem in rules.question_problems(form.cleaned_data.get("kind"), pairs):
                form.add_error("choices", problem)
                self.add_error(None, f"Question {number}: {problem}")
        problems = rules.quiz_problems(cleaned.get("question_count"), len(kept), drawn=drawn_count)
        for problem in problems:
            self.add_error("question_count" if kept else None, problem)
        items = [self._item(form) for form in kept] + drawn_items
        if items and not problems and cleaned.get("role") == "post_test":
            draw_size = min(cleaned.get("question_count") or len(kept), len(kept)) + drawn_count
            for problem in blueprint.blueprint_problems(blueprint.activity_objectives(self.activity), items, draw_size):
                self.add_error(None, f"Blueprint: {problem}")
        self._check_shared_items(cleaned, items)
        return cleaned

    def _check_draws(self, cleaned):
        """Refuse draws this test may not make; return (the items they can draw, items drawn per attempt)."""
        formset = self.formsets.get("draws")
        if formset is None or not formset.is_valid():
            return [], 0
        role = cleaned.get("role")
        course_id = self.activity.pk if self.activity else None
        twins = twin_test_bank_ids(role, course_id, quiz_id=self.instance.pk)
        items, count = [], 0
        kept = [form for form in formset.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        for number, form in enumerate(kept, start=1):
            draw = form.instance
            draw.bank, draw.count = form.cleaned_data["bank"], form.cleaned_data["count"]
            draw.objective = form.cleaned_data.get("objective") or ""
            problems = draw_problems(role, course_id, draw.bank, twins)
            pool = draw.pool(draw.bank.questions.all())
            if not problems and draw.count > len(pool):
                which = " for that objective" if draw.objective else ""
                problems.append(
                    f"The bank {draw.bank.name!r} holds {len(pool)} items{which}; the draw takes {draw.count}."
                )
            for problem in problems:
                form.add_error("bank", problem)
                self.add_error(None, f"Draw {number}: {problem}")
            items.extend(ItemDraft(key=q.key, stem=q.stem, objectives=q.objectives or []) for q in pool)
            count += draw.count
        return items, count

    @staticmethod
    def _item(form):
        question = form.instance
        return ItemDraft(
            key=question.key,
            stem=form.cleaned_data.get("stem") or "",
            objectives=form.cleaned_data.get("objectives") or [],
        )

    def _check_shared_items(self, cleaned, items):
        """A pre-test and a post-test of one activity hold no item in common unless the pre-test allows it."""
        role, course = cleaned.get("role"), cleaned.get("course")
        if course is None or role not in ("pre_test", "post_test"):
            return
        other_role = "post_test" if role == "pre_test" else "pre_test"
        other = self.instance.__class__.objects.filter(course=course, role=other_role).first()
        if other is None:
            return
        allowed = cleaned.get("shares_post_test_items") if role == "pre_test" else other.shares_post_test_items
        if allowed:
            return
        others = list(other.questions.all()) + [
            question for draw in other.draws.select_related("bank") for question in draw.pool(draw.bank.questions.all())
        ]
        pairs = (
            blueprint.colliding_items(items, others) if role == "pre_test" else blueprint.colliding_items(others, items)
        )
        if pairs:
            shared = blueprint.describe_collisions(pairs)
            self.add_error(
                None,
                f"The pre-test and the post-test of {course.title} share items: {shared}. "
                "Replace them, or let the pre-test share items with the post-test (it then shows only the score "
                "for those items).",
            )

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
            widget = (
                forms.CheckboxSelectMultiple if question["kind"] == rules.QuestionKind.MULTIPLE else SingleAnswerRadios
            )
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
