"""Anonymizing a departed member: personal data erased, the credit records ACCME requires kept."""

from ...services.members import anonymize_member
from .base import RecordActionView
from .forms import AnonymizeMemberForm


class AnonymizeMemberView(RecordActionView):
    page_title = "Anonymize a member"
    header_icon = "user"
    form_class = AnonymizeMemberForm
    success_url_name = "lms_anonymize_member"

    def perform(self, form):
        member = form.cleaned_data["member"]
        member_id = member.member_id
        anonymize_member(member, self.request.user, form.cleaned_data["reason"])
        return (
            f"Member {member_id} is anonymized; their completions, claims and certificates are kept "
            "without their identity."
        )
