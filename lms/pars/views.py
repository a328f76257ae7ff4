"""The PARS screen: an activity's PARS settings, where it stands (reported, pending, corrections,
the year's deadline), the preview of the next file and its download, written as a batch."""

from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView

from content.refusals import Refused, add_refusal

from ..admin.records.base import RecordsAdminView
from ..models import ActivityReporting
from ..services import pars_batches
from .export import file_response
from .forms import ActivityReportingForm, ParsExportForm
from .template import HEADERS


class ParsExportView(RecordsAdminView, TemplateView):
    permission_required = "view"
    page_title = "PARS learner reporting"
    header_icon = "download"
    template_name = "lms/pars/export.html"

    def get(self, request, *args, **kwargs):
        form = ParsExportForm(request.GET or None)
        return self.render_to_response(self.screen(form))

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "settings":
            return self.save_settings(request)
        form = ParsExportForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                batch, rows = pars_batches.record_batch(
                    data["course"], request.user, data["mode"], data["file_format"], data["start"], data["end"]
                )
            except Refused as refusal:
                add_refusal(form, refusal)
            else:
                return file_response(batch, rows)
        return self.render_to_response(self.screen(form))

    def save_settings(self, request):
        # Viewing the screen needs "view"; changing what is reported needs "change", as for the records.
        if not self.user_has_permission("change"):
            raise PermissionDenied
        course_form = ParsExportForm(request.POST)
        course_form.is_valid()
        course = course_form.cleaned_data.get("course")
        if course is None:
            return self.render_to_response(self.screen(course_form))
        existing = ActivityReporting.objects.filter(course=course).first()
        settings_form = ActivityReportingForm(request.POST, instance=existing)
        if not settings_form.is_valid():
            return self.render_to_response(self.screen(course_form, settings_form))
        data = settings_form.cleaned_data
        pars_batches.save_reporting(
            course, request.user, data["pars_activity_id"], data["report_cme"], data["report_moc"]
        )
        query = QueryDict(mutable=True)
        query["course"] = course.pk
        return redirect(f"{reverse('lms_pars_export')}?{query.urlencode()}")

    def screen(self, form, settings_form=None):
        """The context: the form, and for a chosen activity its settings, standing and preview."""
        context = self.get_context_data(form=form, headers=HEADERS)
        if not form.is_bound:
            return context
        form.is_valid()
        course = form.cleaned_data.get("course")
        if course is None:
            return context
        reporting = ActivityReporting.objects.filter(course=course).first()
        context.update(
            course=course,
            reporting=reporting,
            settings_form=settings_form or ActivityReportingForm(instance=reporting),
        )
        try:
            pars_batches.reporting_of(course)
        except Refused as refusal:
            context["missing_id"] = str(refusal)
            return context
        context["overview"] = pars_batches.overview(reporting)
        if not form.errors:
            data = form.cleaned_data
            context["plan"] = pars_batches.plan(reporting, data["mode"], data["start"], data["end"])
        return context
