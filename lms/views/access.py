"""Which activity or module a learner view acts on, and whose member profile: live pages only, and
no profile means no learner action."""

import functools

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404

from courses.models import ModulePage

from ..services import access
from ..services.access import member_for
from .redirects import back_to


def live_course(course_id):
    try:
        return access.live_course(course_id)
    except access.ActivityNotFound:
        raise Http404 from None


def live_module(module_id):
    module = get_object_or_404(ModulePage.objects.live(), pk=module_id)
    course = module.get_course()
    if course is None:
        raise Http404
    return module, course


def require_member(request):
    """The signed-in user's member profile, or None after queuing the reason as a message."""
    member = member_for(request.user)
    if member is None:
        messages.error(request, "Your account has no member profile yet; contact the CME office to complete it.")
    return member


def learner_in_live_course(view):
    """`view(request, course, member)` for a live activity and the signed-in learner's member
    profile; without a profile, back to the activity with the reason."""

    @functools.wraps(view)
    def wrapped(request, course_id):
        course = live_course(course_id)
        member = require_member(request)
        if member is None:
            return back_to(course)
        return view(request, course, member)

    return wrapped
