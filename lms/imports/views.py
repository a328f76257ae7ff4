"""Member import screens: upload, preview (errors per row and counts), apply."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views import View
from django.views.generic import FormView, TemplateView

from ..admin.records.base import RecordsAdminView
from .apply import ALL_OR_NOTHING, VALID_ROWS, apply_import
from .forms import ApplyForm, UploadForm
from .plan import plan_import
from .reading import COLUMNS, OPTIONAL_COLUMNS
from .storage import forget, keep, kept_file

ERRORS_SHOWN = 200  # enough to see what is wrong; a longer list only makes the page slow


class UploadView(RecordsAdminView, FormView):
    page_title = "Import members"
    header_icon = "upload"
    template_name = "lms/imports/upload.html"
    form_class = UploadForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(columns=COLUMNS, optional_columns=OPTIONAL_COLUMNS, **kwargs)

    def form_valid(self, form):
        keep(self.request, form.cleaned_data["file"].name, form.text)
        return redirect("lms_import_members_preview")


class PreviewView(RecordsAdminView, TemplateView):
    page_title = "Import members: preview"
    header_icon = "upload"
    template_name = "lms/imports/preview.html"

    def get(self, request, *args, **kwargs):
        kept = kept_file(request)
        if kept is None:
            messages.info(request, "Upload a member file to preview it.")
            return redirect("lms_import_members")
        plan = plan_import(kept.text)
        return self.render_to_response(
            self.get_context_data(
                kept=kept,
                counts=plan.counts,
                email_confirmations=plan.email_confirmations,
                errors=plan.errors[:ERRORS_SHOWN],
                errors_not_shown=max(0, len(plan.errors) - ERRORS_SHOWN),
                VALID_ROWS=VALID_ROWS,
                ALL_OR_NOTHING=ALL_OR_NOTHING,
            )
        )


def _summary(name, counts):
    text = f"{name}: {counts['create']} created, {counts['update']} updated, {counts['unchanged']} unchanged"
    if counts["invalid"]:
        text += f", {counts['invalid']} invalid row{'s' if counts['invalid'] != 1 else ''} skipped"
    return text + "."


class ApplyView(RecordsAdminView, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = ApplyForm(request.POST)
        kept = kept_file(request, form.cleaned_data["sha256"]) if form.is_valid() else None
        if kept is None:
            messages.error(
                request,
                "The previewed file is no longer kept here (replaced in another tab, or already applied); "
                "upload it again.",
            )
            return redirect("lms_import_members")
        result = apply_import(kept.text, form.cleaned_data["mode"], request.user, kept.name, kept.sha256)
        if not result.applied:
            messages.error(request, f"Nothing was imported: {result.refusal}")
            return redirect("lms_import_members_preview")
        forget(request)
        messages.success(request, "Imported " + _summary(kept.name, result.counts))
        return redirect("lms_import_members")
