"""Where a learner view sends the learner after acting or being refused: back to the page."""

from django.contrib import messages
from django.shortcuts import redirect


def back_to(page, refusal=None, request=None):
    if refusal is not None and request is not None:
        messages.error(request, refusal.message)
    return redirect(page.url)
