"""The question banks' admin screens: Wagtail's snippet views plus import and export."""

from django.urls import path, re_path
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.snippets.views.snippets import SnippetViewSet

from ..models import QuestionBank
from .views import ExportQuestionsView, ImportQuestionsView


class QuestionBankViewSet(SnippetViewSet):
    model = QuestionBank
    icon = "folder-open-inverse"
    menu_label = "Question banks"
    menu_order = 311
    add_to_admin_menu = True
    # The status says "live + draft" while an edit or an import waits to be published.
    list_display = ["name", "course", "role", "updated_at", LiveStatusTagColumn()]
    list_filter = ["role"]
    search_fields = ["name"]

    def get_urlpatterns(self):
        bank_views = {
            "model": self.model,
            "permission_policy": self.permission_policy,
            "index_url_name": self.get_url_name("list"),
            "edit_url_name": self.get_url_name("edit"),
        }
        return [
            *super().get_urlpatterns(),
            path("import/<int:pk>/", ImportQuestionsView.as_view(**bank_views), name="import_questions"),
            re_path(
                r"^export/(?P<pk>\d+)/(?P<file_format>gift|csv)/$",
                ExportQuestionsView.as_view(**bank_views),
                name="export_questions",
            ),
        ]
