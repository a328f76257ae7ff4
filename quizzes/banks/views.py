"""The bank's import screen (upload, preview, confirm) and its downloads, in the Wagtail admin."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views import View
from django.views.generic.base import ContextMixin
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..models import Question
from .exporting import export_bank
from .importing import FORMAT_LABELS, ImportRefused, import_questions, plan_import

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class UploadForm(forms.Form):
    file_format = forms.ChoiceField(
        choices=[("gift", "GIFT (Moodle)"), ("csv", "CSV (spreadsheet)")], label="Format", widget=forms.RadioSelect
    )
    file = forms.FileField(label="File", help_text="UTF-8 text, at most 2 MB.")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file is larger than 2 MB; split it into several imports.")
        try:
            return upload.name, upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError("The file is not UTF-8 text; save it as UTF-8 and upload it again.") from None


class ConfirmForm(forms.Form):
    file_format = forms.ChoiceField(choices=list(FORMAT_LABELS.items()), widget=forms.HiddenInput)
    filename = forms.CharField(required=False, max_length=255, widget=forms.HiddenInput)
    # A text area keeps the file's line breaks, which line numbers and GIFT's blank lines depend on.
    text = forms.CharField(strip=False, max_length=MAX_UPLOAD_BYTES, widget=forms.Textarea)


class BankView(View):
    model = None
    permission_policy = None
    index_url_name = None
    edit_url_name = None
    action = "change"

    def dispatch(self, request, pk, *args, **kwargs):
        self.bank = get_object_or_404(self.model, pk=pk)
        if not self.permission_policy.user_has_permission_for_instance(request.user, self.action, self.bank):
            raise PermissionDenied
        return super().dispatch(request, pk, *args, **kwargs)


class ImportQuestionsView(WagtailAdminTemplateMixin, ContextMixin, BankView):
    template_name = "quizzes/banks/import.html"
    page_title = "Import questions"
    header_icon = "upload"

    def get_page_subtitle(self):
        return self.bank.name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": "Question banks"},
            {"url": reverse(self.edit_url_name, args=[self.bank.pk]), "label": self.bank.name},
            {"url": "", "label": self.page_title},
        ]

    def render(self, request, plan=None, **context):
        kinds = dict(Question._meta.get_field("kind").choices)
        context.update(
            bank=self.bank,
            edit_url=reverse(self.edit_url_name, args=[self.bank.pk]),
            plan=plan,
            rows=[(item, kinds[item.kind]) for item in plan.items] if plan else [],
        )
        context.setdefault("form", UploadForm())
        return TemplateResponse(request, self.template_name, self.get_context_data(**context))

    def get(self, request, pk):
        return self.render(request)

    def post(self, request, pk):
        if "confirm" in request.POST:
            return self.confirm(request)
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(request, form=form)
        filename, text = form.cleaned_data["file"]
        file_format = form.cleaned_data["file_format"]
        plan = plan_import(self.bank, file_format, text)
        confirm = ConfirmForm(initial={"file_format": file_format, "filename": filename, "text": text})
        return self.render(
            request, plan=plan, confirm=confirm, file_format=FORMAT_LABELS[file_format], filename=filename
        )

    def confirm(self, request):
        form = ConfirmForm(request.POST)
        if not form.is_valid():
            messages.error(request, "The file to import was not sent again; upload it once more.")
            return self.render(request)
        data = form.cleaned_data
        try:
            created = import_questions(self.bank, data["file_format"], data["text"], request.user, data["filename"])
        except ImportRefused as refusal:
            plan = plan_import(self.bank, data["file_format"], data["text"])
            return self.render(
                request,
                plan=plan if plan.problems else None,
                refusal=refusal,
                file_format=FORMAT_LABELS[data["file_format"]],
                filename=data["filename"],
            )
        messages.success(
            request,
            f"{len(created)} questions imported into {self.bank.name} as a draft; publish it to give them to learners.",
        )
        return redirect(self.edit_url_name, self.bank.pk)


class ExportQuestionsView(BankView):
    action = "view"

    def get(self, request, pk, file_format):
        exported = export_bank(self.bank, file_format, request.user)
        response = HttpResponse(exported.text.encode("utf-8"), content_type=exported.content_type)
        response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
        return response
