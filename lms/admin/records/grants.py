"""Granting a learner one more attempt at a quiz than its limit allows."""

from content.refusals import Refused
from quizzes.services.attempts import attempts_left
from quizzes.services.grants import grant_extra_attempt

from .base import RecordActionView
from .forms import GrantAttemptForm


class GrantAttemptView(RecordActionView):
    page_title = "Grant an extra quiz attempt"
    header_icon = "resubmit"
    form_class = GrantAttemptForm
    refusals = (Refused,)
    success_url_name = "lms_grant_attempt"

    def perform(self, form):
        quiz, member = form.cleaned_data["quiz"], form.cleaned_data["member"]
        grant_extra_attempt(quiz, member.user, self.request.user, form.cleaned_data["reason"])
        left = attempts_left(quiz, member.user)
        return (
            f"{member.first_name} {member.last_name} ({member.member_id}) may take {quiz.title} once more: "
            f"{left} attempt{'s' if left != 1 else ''} left now."
        )
