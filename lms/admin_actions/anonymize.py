"""Anonymizing a departed member: personal data erased, the credit records ACCME requires kept."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.generic import FormView

from ..services.errors import RecordRefused
from ..services.members import anonymize_member
from .base import RecordsAdminView
from .forms import AnonymizeMemberForm
from .refusals import add_refusal


class AnonymizeMemberView(RecordsAdminView, FormView):
    page_title = "Anonymize a member"
    header_icon = "user"
    template_name = "lms/admin_actions/action_form.html"
    form_class = AnonymizeMemberForm

    def form_valid(self, form):
        member = form.cleaned_data["member"]
        member_id = member.member_id
        try:
            anonymize_member(member, self.request.user, form.cleaned_data["reason"])
        except RecordRefused as refusal:
            add_refusal(form, refusal)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"Member {member_id} is anonymized; their completions, claims and certificates are kept without their identity.",
        )
        return redirect("lms_anonymize_member")
