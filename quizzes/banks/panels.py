"""The bank editor's links to import questions into the bank and to download it."""

from django.urls import reverse
from wagtail.admin.panels import Panel

URL_NAMESPACE = "wagtailsnippets_cme_quizzes_questionbank"


class BankTransferPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "quizzes/panels/bank_transfer.html"

        def is_shown(self):
            return self.instance.pk is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            pk = self.instance.pk
            context.update(
                import_url=reverse(f"{URL_NAMESPACE}:import_questions", args=[pk]),
                gift_url=reverse(f"{URL_NAMESPACE}:export_questions", args=[pk, "gift"]),
                csv_url=reverse(f"{URL_NAMESPACE}:export_questions", args=[pk, "csv"]),
            )
            return context
