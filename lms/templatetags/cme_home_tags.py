"""What a site's home page shows of the CME activities: `{% load cme_home_tags %}{% cme_home_panel %}`."""

from django import template

from courses.models import CourseCatalogPage, CoursePage

from ..models import Completion, Enrollment
from ..services.access import member_for
from ..services.next_step import next_step

register = template.Library()

FEATURED = 3


@register.inclusion_tag("lms/_home_panel.html", takes_context=True)
def cme_home_panel(context, featured=FEATURED):
    """The catalog, its newest activities and, for a signed-in learner, the activity to go on with."""
    request = context.get("request")
    member = member_for(request.user) if request is not None else None
    course = next_activity(member)
    return {
        "request": request,
        "catalog": CourseCatalogPage.objects.live().public().first(),
        "featured": CoursePage.objects.live().public().order_by("-first_published_at", "-pk")[:featured],
        "next_activity": course,
        "step": next_step(member, course) if course is not None else None,
    }


def next_activity(member):
    """The learner's most recent enrolment not yet completed, in an activity still published."""
    if member is None:
        return None
    enrollment = (
        Enrollment.objects.filter(member=member, course__live=True)
        .exclude(course__in=Completion.objects.filter(member=member).values("course"))
        .select_related("course")
        .order_by("-enrolled_at", "-pk")
        .first()
    )
    return enrollment.course if enrollment else None
