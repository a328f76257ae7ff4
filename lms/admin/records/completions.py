"""Recording a learner's completion by hand, with the reason, when the automatic rule cannot."""

from ...services.manual import record_manual_completion
from .base import RecordActionView
from .forms import ManualCompletionForm


class ManualCompletionView(RecordActionView):
    page_title = "Record a completion by hand"
    header_icon = "circle-check"
    form_class = ManualCompletionForm
    success_url_name = "lms_manual_completion"

    def perform(self, form):
        course, member = form.cleaned_data["course"], form.cleaned_data["member"]
        record_manual_completion(member, course, self.request.user, form.cleaned_data["reason"])
        return f"Recorded that {member.first_name} {member.last_name} ({member.member_id}) completed {course.title}."
