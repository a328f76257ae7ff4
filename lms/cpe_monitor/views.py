"""The CPE Monitor screen: pick an activity and dates, check both lists and the late completions,
download the valid rows (each download kept as a batch and in the audit log)."""

from django.views.generic import TemplateView

from content.spreadsheet import csv_response

from ..admin.records.base import RecordsAdminView
from .export import HEADERS, cpe_monitor_csv, filename
from .forms import CpeMonitorExportForm
from .reporting import REPORTING_DAYS, late_completions, record_batch
from .rows import cpe_rows


class CpeMonitorExportView(RecordsAdminView, TemplateView):
    permission_required = "view"
    page_title = "CPE Monitor export"
    header_icon = "download"
    template_name = "lms/cpe_monitor/export.html"

    def get(self, request, *args, **kwargs):
        form = CpeMonitorExportForm(request.GET or None)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, reporting_days=REPORTING_DAYS))
        course, start, end = (form.cleaned_data[name] for name in ("course", "start", "end"))
        rows, rejected = cpe_rows(course, start, end)
        if request.GET.get("format") == "csv":
            record_batch(course, start, end, rows, request.user)
            return csv_response(cpe_monitor_csv(rows), filename(course, start, end))
        csv_query = request.GET.copy()
        csv_query["format"] = "csv"
        return self.render_to_response(
            self.get_context_data(
                form=form,
                rows=rows,
                rejected=rejected,
                late=late_completions(course),
                reporting_days=REPORTING_DAYS,
                headers=HEADERS,
                csv_query=csv_query.urlencode(),
            )
        )
