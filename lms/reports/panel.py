"""The CME panel on the Wagtail dashboard: recent activity at a glance and a year of completions."""

from wagtail.admin.ui.components import Component

from .chart import weekly_chart
from .dashboard import dashboard_figures


class CMEDashboardPanel(Component):
    name = "cme_summary"
    template_name = "lms/reports/dashboard_panel.html"
    # Before Wagtail's own panels (210 and up): for a CME office this is the first thing to see.
    order = 150

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        figures = dashboard_figures()
        context.update(figures)
        context["chart"] = weekly_chart(figures["weekly_completions"])
        return context
