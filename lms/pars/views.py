"""The PARS export screen: pick an activity and dates, check both lists, download the valid rows."""

from django.views.generic import TemplateView
from wagtail.log_actions import log

from ..admin_actions.base import RecordsAdminView
from ..documents.spreadsheet import csv_response
from .export import HEADERS, filename, pars_csv
from .forms import ParsExportForm
from .rows import pars_rows

EXPORT_ACTION = "cme_lms.pars_export"


class ParsExportView(RecordsAdminView, TemplateView):
    permission_required = "view"
    page_title = "PARS learner export"
    header_icon = "download"
    template_name = "lms/pars/export.html"

    def get(self, request, *args, **kwargs):
        form = ParsExportForm(request.GET or None)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        course, start, end = (form.cleaned_data[name] for name in ("course", "start", "end"))
        rows, rejected = pars_rows(course, start, end)
        if request.GET.get("format") == "csv":
            return self.download(course, start, end, rows)
        csv_query = request.GET.copy()
        csv_query["format"] = "csv"
        return self.render_to_response(
            self.get_context_data(
                form=form,
                rows=rows,
                rejected=rejected,
                headers=HEADERS,
                csv_query=csv_query.urlencode(),
                needing_license_number=sum(1 for row in rows if row.needs_license_number),
            )
        )

    def download(self, course, start, end, rows):
        # Learners' identifiers leave the site here, so the download is in the activity's history.
        log(
            instance=course,
            action=EXPORT_ACTION,
            user=self.request.user,
            data={"start": start.isoformat(), "end": end.isoformat(), "rows": len(rows)},
        )
        return csv_response(pars_csv(rows), filename(course, start, end))
