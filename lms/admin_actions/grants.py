"""Granting a learner one more attempt at a quiz than its limit allows."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.generic import FormView

from quizzes.services.attempts import attempts_left
from quizzes.services.grants import GrantRefused, grant_extra_attempt

from .base import RecordsAdminView
from .forms import GrantAttemptForm
from .refusals import add_refusal


class GrantAttemptView(RecordsAdminView, FormView):
    page_title = "Grant an extra quiz attempt"
    header_icon = "resubmit"
    template_name = "lms/admin_actions/action_form.html"
    form_class = GrantAttemptForm

    def form_valid(self, form):
        quiz, member = form.cleaned_data["quiz"], form.cleaned_data["member"]
        try:
            grant_extra_attempt(quiz, member.user, self.request.user, form.cleaned_data["reason"])
        except GrantRefused as refusal:
            add_refusal(form, refusal)
            return self.form_invalid(form)
        left = attempts_left(quiz, member.user)
        messages.success(
            self.request,
            f"{member.first_name} {member.last_name} ({member.member_id}) may take {quiz.title} once more: "
            f"{left} attempt{'s' if left != 1 else ''} left now.",
        )
        return redirect("lms_grant_attempt")
