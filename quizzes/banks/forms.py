"""The bank editor's form: each item checked as in a quiz, tagged with the bank's activity objectives,
and no change of activity or role that would let a pre-test and a post-test share the bank."""

from wagtail.admin.forms import WagtailAdminModelForm

from courses.models import CoursePage

from .. import blueprint, rules
from ..forms import objective_tagging
from .rules import draw_problems, twin_test_bank_ids


class QuestionBankForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formset = self.formsets.get("questions")
        if formset is not None:
            formset.form = objective_tagging(formset.form, blueprint.activity_objectives(self._activity()))

    def _activity(self):
        course_id = self.data.get(self.add_prefix("course")) if self.is_bound else self.instance.course_id
        return CoursePage.objects.filter(pk=course_id).first() if str(course_id or "").isdigit() else None

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("questions")
        if formset is not None and formset.is_valid():
            kept = [form for form in formset.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
            for number, form in enumerate(kept, start=1):
                pairs = [(block.value["text"], bool(block.value["correct"])) for block in form.cleaned_data["choices"]]
                for problem in rules.question_problems(form.cleaned_data.get("kind"), pairs):
                    form.add_error("choices", problem)
                    self.add_error(None, f"Question {number}: {problem}")
        if self.instance.pk is not None:
            self._check_tests_drawing(cleaned)
        return cleaned

    def _check_tests_drawing(self, cleaned):
        """The tests that already draw from the bank must still be allowed to with its new activity and role."""
        proposed = self.instance.__class__(
            pk=self.instance.pk,
            name=cleaned.get("name") or self.instance.name,
            course=cleaned.get("course"),
            role=cleaned.get("role") or "",
        )
        for draw in self.instance.draws.select_related("quiz"):
            quiz = draw.quiz
            twins = twin_test_bank_ids(quiz.role, quiz.course_id, quiz_id=quiz.pk)
            for problem in draw_problems(quiz.role, quiz.course_id, proposed, twins):
                self.add_error(None, f"{quiz.title} draws from this bank. {problem}")
