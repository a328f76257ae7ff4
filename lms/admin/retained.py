"""The records kept of anonymized members: found by certificate code or name, only by holders of
`cme_lms.view_retained_records`; every record shown is written to the audit log."""

from django.template.response import TemplateResponse

from ..services.retention import MAX_SHOWN, find_retained


def retained_records(request):
    query = request.GET.get("q", "")
    records = find_retained(request.user, query)  # refused (403) without the permission
    return TemplateResponse(
        request, "lms/admin/retained_records.html", {"query": query, "records": records, "max_shown": MAX_SHOWN}
    )
