"""The records kept of anonymized members: found by certificate code or name, only by holders of
`cme_lms.view_retained_records`; every record shown is written to the audit log."""

from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..services.retention import MAX_SHOWN, find_retained


class RetainedRecordsView(WagtailAdminTemplateMixin, TemplateView):
    # The permission is checked where the records are read (`find_retained`), so that no other
    # way to them can forget it; it refuses (403) before anything is read or logged.
    page_title = "Retained records of anonymized members"
    header_icon = "lock"
    template_name = "lms/admin/retained_records.html"

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "")
        records = find_retained(self.request.user, query)
        return super().get_context_data(query=query, records=records, max_shown=MAX_SHOWN, **kwargs)
