"""What every CME report shares: its permission, and one column list for the screen and the exports.

The table on screen is built from `list_export` and `export_headings`, the attributes Wagtail's
spreadsheet export reads, so a column cannot appear in one and not the other, and each cell is
written as the text the CSV carries.
"""

import datetime
from decimal import Decimal

from django.templatetags.l10n import unlocalize
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from content.spreadsheet import BOM, formula_safe

from .access import REPORTS_ACTION, can_view_reports, reports_policy


def cell_text(value):
    """A value as the screen shows it, equal to what the CSV writes for it."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (int, Decimal)):
        # Unlocalized so that 1234.50 reads the same on screen and in the file.
        return unlocalize(value)
    return value


class ReportColumn(Column):
    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["value"] = cell_text(context["raw_value"])
        return context


class CMEReportView(ReportView):
    results_template_name = "lms/reports/results.html"
    permission_required = REPORTS_ACTION
    export_name = "cme-report"
    # Shown above the table: how to read the figures.
    report_note = ""
    custom_value_preprocess = {
        **ReportView.custom_value_preprocess,
        str: {ReportView.FORMAT_CSV: formula_safe},
    }

    @cached_property
    def permission_policy(self):
        return reports_policy()

    @cached_property
    def columns(self):
        return [ReportColumn(field, label=self.export_headings[field]) for field in self.list_export]

    def stream_csv(self, queryset):
        # Wagtail writes the rows; the file starts with the mark every CSV of ours carries
        # (content/spreadsheet.py).
        yield BOM.encode("utf-8")
        yield from super().stream_csv(queryset)

    def get_filename(self):
        return f"{self.export_name}-{timezone.localdate():%Y-%m-%d}"

    def get_filtered_queryset(self):
        return self.get_rows(self.filter_queryset(self.get_base_queryset()))

    def get_rows(self, records):
        """The report's rows (a queryset or a list) from the filtered records."""
        return records

    def selected(self, name):
        """The cleaned value of filter `name`, or None when absent or invalid."""
        if not self.filters.is_valid():
            return None
        return self.filters.form.cleaned_data.get(name)


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_reports(request.user)
