"""Recording a learner's completion by hand, with the reason, when the automatic rule cannot."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.generic import FormView

from ..services.errors import RecordRefused
from ..services.manual import record_manual_completion
from .base import RecordsAdminView
from .forms import ManualCompletionForm
from .refusals import add_refusal


class ManualCompletionView(RecordsAdminView, FormView):
    page_title = "Record a completion by hand"
    header_icon = "circle-check"
    template_name = "lms/admin_actions/action_form.html"
    form_class = ManualCompletionForm

    def form_valid(self, form):
        course, member = form.cleaned_data["course"], form.cleaned_data["member"]
        try:
            record_manual_completion(member, course, self.request.user, form.cleaned_data["reason"])
        except RecordRefused as refusal:
            add_refusal(form, refusal)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"Recorded that {member.first_name} {member.last_name} ({member.member_id}) completed {course.title}.",
        )
        return redirect("lms_manual_completion")
