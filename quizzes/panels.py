"""The quiz editor's warnings about its bank: what can be saved but weakens the assessment."""

from wagtail.admin.panels import Panel

from .blueprint import fresh_retake_warning


def bank_warnings(quiz):
    if quiz.pk is None:
        return []
    warning = fresh_retake_warning(quiz, quiz.questions.count())
    return [warning] if warning else []


class BankWarningsPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "quizzes/panels/bank_warnings.html"

        def is_shown(self):
            return bool(bank_warnings(self.instance))

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["warnings"] = bank_warnings(self.instance)
            return context
