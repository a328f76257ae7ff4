"""Admin URLs of the reports: each report and the results fragment Wagtail's filters refresh."""

from django.urls import path

from .completions import CompletionsReportView
from .credits import CreditsReportView
from .evaluations import EvaluationsReportView
from .item_analysis import ItemAnalysisReportView
from .knowledge_gain import KnowledgeGainReportView
from .not_completed import NotCompletedReportView

app_name = "lms_reports"

REPORTS = [
    ("completions/", "completions", CompletionsReportView),
    ("not-completed/", "not_completed", NotCompletedReportView),
    ("credits/", "credits", CreditsReportView),
    ("evaluations/", "evaluations", EvaluationsReportView),
    ("knowledge-gain/", "knowledge_gain", KnowledgeGainReportView),
    ("item-analysis/", "item_analysis", ItemAnalysisReportView),
]

urlpatterns = []
for route, name, view in REPORTS:
    urlpatterns += [
        path(route, view.as_view(), name=name),
        path(f"{route}results/", view.as_view(results_only=True), name=f"{name}_results"),
    ]
