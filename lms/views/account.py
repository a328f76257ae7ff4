"""The learner's account: confirming a new e-mail from the link sent to it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from content.refusals import Refused

from ..services import account_email

TEMPLATE = "lms/confirm_email_change.html"


@require_http_methods(["GET", "POST"])
@login_required
def confirm_email_change(request, token):
    """Sign-in is required: the link alone proves only that someone reads the new mailbox, which a
    portal that asked for the change may do itself; the password proves it is the member."""
    try:
        change = account_email.change_for_token(request.user, token)
        if request.method == "GET":
            return render(request, TEMPLATE, {"change": change})
        account_email.confirm_change(request.user, token)
    except Refused as refusal:
        return render(request, TEMPLATE, {"refusal": refusal.message}, status=400)
    messages.success(request, f"Your account's e-mail is now {change.email}.")
    return redirect("lms:dashboard")
